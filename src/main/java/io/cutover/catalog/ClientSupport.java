package io.cutover.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which clients may sign in to which server version: the client families the catalog knows (oldest
 * first, as {@code catalog.json} lists them) and, per server version, the families and minimum
 * builds its client version rules let in.
 */
public final class ClientSupport {
    private final List<ClientFamily> families;
    private final Map<String, List<SignInRule>> rules;

    ClientSupport(List<ClientFamily> families, Map<String, List<SignInRule>> rules) {
        this.families = List.copyOf(families);
        this.rules = new LinkedHashMap<>(rules);
        this.rules.replaceAll((k, v) -> List.copyOf(v));
    }

    static ClientSupport parse(JsonNode root) {
        List<ClientFamily> families = new ArrayList<>();
        for (JsonNode f : root.path("clientFamilies")) {
            List<String> spellings = new ArrayList<>();
            f.path("spellings").forEach(s -> spellings.add(s.asText().toLowerCase(Locale.ROOT)));
            families.add(new ClientFamily(
                    f.path("name").asText(),
                    ClientKind.valueOf(f.path("kind").asText()),
                    f.path("major").asInt(0),
                    spellings));
        }
        Map<String, List<SignInRule>> rules = new LinkedHashMap<>();
        for (JsonNode v : root.path("versions")) {
            List<SignInRule> list = new ArrayList<>();
            for (JsonNode r : v.path("clients")) {
                list.add(new SignInRule(
                        r.path("family").asText(),
                        r.path("minimum").isTextual()
                                ? Build.parse(r.path("minimum").asText())
                                : null));
            }
            rules.put(v.path("name").asText(), list);
        }
        return new ClientSupport(families, rules);
    }

    /** Every family, oldest first. */
    public List<ClientFamily> families() {
        return families;
    }

    /** The families (and minimum builds) that may sign in to {@code server}; empty when the catalog has none. */
    public List<SignInRule> rules(ProductVersion server) {
        return rules.getOrDefault(server.name(), List.of());
    }

    /**
     * Reads a client string: the family whose build major matches the string's first dotted number
     * and whose spelling in it is the longest ("Skype for Business on Mac" before "Skype for
     * Business"); the build says which of "Lync 2010" and "Lync 2013" a bare "Microsoft Lync" is.
     * When two families fit equally well, or none does, the family is null: unknown.
     */
    public ClientVersion read(String text) {
        String raw = text == null ? "" : text.strip();
        Build build = Build.find(raw).orElse(null);
        String lower = raw.toLowerCase(Locale.ROOT);
        ClientFamily best = null;
        int bestScore = 0;
        boolean tie = false;
        for (ClientFamily f : families) {
            int length = f.match(lower);
            if (length == 0) {
                continue;
            }
            // A matching build outweighs any spelling: it is what the server's version rules check.
            int score = length + (build != null && build.major() == f.major() ? 1000 : 0);
            if (score > bestScore) {
                best = f;
                bestScore = score;
                tie = false;
            } else if (score == bestScore) {
                tie = true;
            }
        }
        return new ClientVersion(raw, tie ? null : best, build);
    }

    /** Whether the client {@code text} may sign in to {@code server}, and if not, what would. */
    public ClientVerdict verdict(String text, ProductVersion server) {
        ClientVersion client = read(text);
        if (!client.known()) {
            return new ClientVerdict(client, server.name(), ClientVerdict.Status.UNKNOWN, null);
        }
        Optional<SignInRule> rule = rules(server).stream()
                .filter(r -> r.family().equals(client.family().name()))
                .findFirst();
        if (rule.isPresent()
                && (rule.get().minimum() == null
                        || (client.build() != null
                                && client.build().compareTo(rule.get().minimum()) >= 0))) {
            return new ClientVerdict(client, server.name(), ClientVerdict.Status.SUPPORTED, null);
        }
        String needed = rule.isPresent()
                ? client.family().name() + " " + rule.get().minimum() + " or later"
                : oldestOfKind(client.family().kind(), server);
        return new ClientVerdict(client, server.name(), ClientVerdict.Status.NOT_SUPPORTED, needed);
    }

    /** "Lync 2013 (15.0) or later": the oldest family of this kind that may sign in, with its minimum. */
    private String oldestOfKind(ClientKind kind, ProductVersion server) {
        for (ClientFamily f : families) {
            if (f.kind() != kind) {
                continue;
            }
            for (SignInRule r : rules(server)) {
                if (r.family().equals(f.name())) {
                    String from = r.minimum() != null ? r.minimum().toString() : f.major() + ".0";
                    return f.name() + " (" + from + ") or later";
                }
            }
        }
        return "a client of another kind: no " + kind.name().toLowerCase(Locale.ROOT) + " client signs in to "
                + server.name();
    }
}
