package io.cutover.lab.sip;

import io.cutover.inventory.SipAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A registrar's location service (RFC 3261 section 10.3): per address of record, the contacts
 * registered and until when. Several endpoints of one user may be registered at once, as Lync
 * clients are on several devices; requests go to the most recent.
 */
final class Registrations {
    static final int DEFAULT_EXPIRES = 3600;
    static final int MAX_EXPIRES = 7200;
    /** Contacts kept per user; the oldest goes first beyond it, so a registration flood is bounded. */
    static final int MAX_CONTACTS = 64;

    /** One registered contact; {@code flow} when it registered over TCP, {@code path} when through an Edge. */
    record Binding(String contact, long expiresAtNanos, long order, Listener.Flow flow, String path) {}

    record Result(List<String> contacts, String error) {}

    private final Map<String, Map<String, Binding>> bindings = new ConcurrentHashMap<>();
    private long order;

    Result update(String aor, SipMessage request, Listener.Flow from) {
        String key = SipAddress.key(aor);
        int defaultExpires = DEFAULT_EXPIRES;
        String exp = request.header("Expires");
        if (exp != null) {
            try {
                defaultExpires = Integer.parseInt(exp.trim());
            } catch (NumberFormatException e) {
                return new Result(List.of(), "bad Expires '" + exp + "'");
            }
        }
        String path = request.header("Path");
        long now = System.nanoTime();
        synchronized (this) {
            Map<String, Binding> mine = bindings.computeIfAbsent(key, k -> new ConcurrentHashMap<>());
            for (String value : request.all("Contact")) {
                for (String one : value.split(",")) {
                    String c = one.trim();
                    if (c.equals("*")) {
                        if (defaultExpires != 0) {
                            return new Result(List.of(), "Contact * needs Expires: 0");
                        }
                        mine.clear();
                        continue;
                    }
                    SipUri uri = SipUri.parse(c);
                    if (uri == null) {
                        return new Result(List.of(), "Contact '" + c + "' is not a sip: URI");
                    }
                    int expires = defaultExpires;
                    String e = param(c, "expires");
                    if (e != null) {
                        try {
                            expires = Integer.parseInt(e);
                        } catch (NumberFormatException x) {
                            return new Result(List.of(), "bad expires parameter '" + e + "'");
                        }
                    }
                    String contact = bare(c);
                    if (expires <= 0) {
                        mine.remove(contact);
                    } else {
                        expires = Math.min(expires, MAX_EXPIRES);
                        boolean tcp = "TCP".equals(from.transport());
                        mine.put(
                                contact,
                                new Binding(contact, now + expires * 1_000_000_000L, ++order, tcp ? from : null, path));
                        if (mine.size() > MAX_CONTACTS) {
                            mine.values().stream()
                                    .min((a, b) -> Long.compare(a.order(), b.order()))
                                    .ifPresent(oldest -> mine.remove(oldest.contact()));
                        }
                    }
                }
            }
            List<String> contacts = new ArrayList<>();
            for (Binding b : mine.values()) {
                if (b.expiresAtNanos() > now) {
                    contacts.add("<" + b.contact() + ">;expires="
                            + Math.max(1, (b.expiresAtNanos() - now) / 1_000_000_000L));
                }
            }
            if (mine.isEmpty()) {
                bindings.remove(key, mine);
            }
            return new Result(contacts, null);
        }
    }

    Optional<Binding> latest(String aor) {
        Map<String, Binding> mine = bindings.get(SipAddress.key(aor));
        if (mine == null) {
            return Optional.empty();
        }
        long now = System.nanoTime();
        Binding best = null;
        for (Binding b : mine.values()) {
            if (b.expiresAtNanos() > now && (best == null || b.order() > best.order())) {
                best = b;
            }
        }
        return Optional.ofNullable(best);
    }

    int users() {
        return bindings.size();
    }

    /** The URI of a Contact value without its angle brackets and header parameters. */
    static String bare(String contact) {
        String c = contact.trim();
        int lt = c.indexOf('<');
        if (lt >= 0) {
            int gt = c.indexOf('>', lt);
            return c.substring(lt + 1, gt < 0 ? c.length() : gt);
        }
        int semi = c.indexOf(';');
        return semi < 0 ? c : c.substring(0, semi);
    }

    private static String param(String contact, String name) {
        int gt = contact.lastIndexOf('>');
        String tail = gt >= 0 ? contact.substring(gt + 1) : contact;
        for (String p : tail.split(";")) {
            String s = p.trim();
            if (s.regionMatches(true, 0, name + "=", 0, name.length() + 1)) {
                return s.substring(name.length() + 1).trim();
            }
        }
        return null;
    }
}
