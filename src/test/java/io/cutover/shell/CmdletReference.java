package io.cutover.shell;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.shell.PsInvocations.Invocation;
import io.cutover.shell.PsInvocations.Kind;
import io.cutover.shell.PsInvocations.Tok;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Microsoft's Skype for Business Server cmdlet reference (src/test/resources/reference/cmdlets.json)
 * and the check of a cmdlet call against it, as PowerShell binds parameters: the cmdlet exists in
 * the version; each {@code -Name} resolves (case-insensitively, by full name, alias, unambiguous
 * prefix, or as a common parameter); a parameter that is not a switch has a value; none is given
 * twice; and the parameters fit one parameter set of that version, positional arguments taking its
 * free positions, every mandatory parameter of the set given (by name, position or, after a pipe,
 * from the pipeline).
 */
final class CmdletReference {
    private static final Pattern CS_NAME =
            Pattern.compile("^(?:[A-Za-z][\\w.]*\\\\)?([A-Za-z]+-Cs[A-Za-z0-9]+)$", Pattern.CASE_INSENSITIVE);
    private static final Pattern CS_CONVENTION = Pattern.compile("-C[sS][A-Z0-9]");
    private static CmdletReference bundled;

    private final Map<String, JsonNode> cmdlets = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, List<String>> common = new LinkedHashMap<>();
    private final Set<String> commonSwitches = new LinkedHashSet<>();

    private CmdletReference(JsonNode doc) {
        doc.get("cmdlets").fields().forEachRemaining(e -> cmdlets.put(e.getKey(), e.getValue()));
        doc.get("common_parameters").fields().forEachRemaining(e -> common.put(e.getKey(), texts(e.getValue())));
        doc.get("common_switches").forEach(n -> commonSwitches.add(n.asText()));
    }

    static synchronized CmdletReference bundled() {
        if (bundled == null) {
            try (InputStream in = CmdletReference.class.getResourceAsStream("/reference/cmdlets.json")) {
                bundled = new CmdletReference(new ObjectMapper().readTree(in));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return bundled;
    }

    /** One problem of one call. */
    record Problem(int line, String cmdlet, String what, boolean inComment) {
        @Override
        public String toString() {
            return line + ": " + cmdlet + ": " + what + (inComment ? " (in a comment)" : "");
        }
    }

    /** The result of checking a script: calls checked and problems found. */
    record Report(int invocations, List<Problem> problems) {}

    /** Whether {@code name} is a Skype for Business cmdlet (one the reference has, or named by the Cs convention). */
    boolean isCs(String name) {
        Matcher m = CS_NAME.matcher(name);
        return m.matches()
                && (cmdlets.containsKey(m.group(1))
                        || CS_CONVENTION.matcher(m.group(1)).find());
    }

    /**
     * The product versions the reference's pages do not name, and the version whose pages speak for
     * them. At its commit no page lists Subscription Edition; its Management Shell is taken to be
     * 2019's (domain.md, section 1: "as 2019 (unconfirmed)").
     */
    private static final Map<String, String> REFERENCE_NAME =
            Map.of("Skype for Business Server Subscription Edition", "Skype for Business Server 2019");

    /** Every -Cs call of {@code script} (and of its Undo: comments) against {@code version}. */
    Report check(String script, String productVersion) {
        String version = REFERENCE_NAME.getOrDefault(productVersion, productVersion);
        List<Problem> problems = new ArrayList<>();
        int n = 0;
        for (Invocation inv : PsInvocations.of(script, true)) {
            if (!isCs(inv.name())) {
                continue;
            }
            n++;
            for (String p : check(inv, version)) {
                problems.add(new Problem(inv.line(), inv.name(), p, inv.inComment()));
            }
        }
        return new Report(n, problems);
    }

    private record Resolved(String name, boolean common) {}

    private Resolved resolve(JsonNode cmd, String name, List<String> problems) {
        Map<String, Resolved> cands = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        cmd.get("parameters").fields().forEachRemaining(e -> {
            cands.put(e.getKey(), new Resolved(e.getKey(), false));
            e.getValue().path("aliases").forEach(a -> cands.putIfAbsent(a.asText(), new Resolved(e.getKey(), false)));
        });
        common.forEach((c, aliases) -> {
            cands.putIfAbsent(c, new Resolved(c, true));
            aliases.forEach(a -> cands.putIfAbsent(a, new Resolved(c, true)));
        });
        Resolved exact = cands.get(name);
        if (exact != null) {
            return exact;
        }
        Map<String, Resolved> hits = new TreeMap<>();
        cands.forEach((k, v) -> {
            if (k.toLowerCase(Locale.ROOT).startsWith(name.toLowerCase(Locale.ROOT))) {
                hits.put(v.name(), v);
            }
        });
        if (hits.size() == 1) {
            return hits.values().iterator().next();
        }
        problems.add(
                hits.isEmpty()
                        ? "no parameter -" + name
                        : "parameter -" + name + " is ambiguous: it could be -" + String.join(", -", hits.keySet()));
        return null;
    }

    private boolean isSwitch(JsonNode cmd, Resolved r) {
        return r.common()
                ? commonSwitches.contains(r.name())
                : cmd.get("parameters").get(r.name()).path("switch").asBoolean();
    }

    /** The problems of one call in one version. */
    List<String> check(Invocation inv, String version) {
        Matcher m = CS_NAME.matcher(inv.name());
        String name = m.matches() ? m.group(1) : inv.name();
        JsonNode cmd = cmdlets.get(name);
        if (cmd == null) {
            return List.of("no such cmdlet in the reference (no " + name + ".md)");
        }
        List<String> problems = new ArrayList<>();
        Map<String, Boolean> bound = new LinkedHashMap<>();
        int positional = 0;
        List<List<Tok>> units = inv.units();
        for (int k = 0; k < units.size(); k++) {
            List<Tok> u = units.get(k);
            Tok head = u.get(0);
            if (head.kind == Kind.SPLAT) {
                problems.add("@" + head.text + " is splatted: its keys are not checked; name the parameters");
                continue;
            }
            if (head.kind != Kind.PARAM) {
                positional++;
                continue;
            }
            String raw = head.text.substring(1);
            boolean attached = raw.endsWith(":");
            String pname = attached ? raw.substring(0, raw.length() - 1) : raw;
            Resolved r = resolve(cmd, pname, problems);
            if (r == null) {
                if (!attached
                        && u.size() == 1
                        && k + 1 < units.size()
                        && units.get(k + 1).get(0).kind != Kind.PARAM) {
                    k++;
                }
                continue;
            }
            if (bound.containsKey(r.name())) {
                problems.add("-" + r.name() + " is given more than once");
            }
            bound.put(r.name(), r.common());
            if (attached) {
                if (u.size() == 1) {
                    if (k + 1 >= units.size()) {
                        problems.add("-" + r.name() + ": has no argument");
                    }
                    k++;
                }
            } else if (!isSwitch(cmd, r) && u.size() == 1) {
                if (k + 1 >= units.size() || units.get(k + 1).get(0).kind == Kind.PARAM) {
                    problems.add("missing an argument for -" + r.name() + " (it is not a switch)");
                } else {
                    k++;
                }
            }
        }
        List<String> named = bound.entrySet().stream()
                .filter(e -> !e.getValue())
                .map(Map.Entry::getKey)
                .toList();
        String why = setFit(cmd, inv, named, bound.keySet(), positional, version);
        if (why != null) {
            String used = named.isEmpty() ? "(no named parameters)" : "-" + String.join(", -", named);
            problems.add(used + (positional > 0 ? " + " + positional + " positional" : "") + " fit no parameter set in "
                    + version + ": " + why);
        }
        if (inv.guards().contains(name.toLowerCase(Locale.ROOT))) {
            // Called only where the shell has it: which versions those are is the guard's business.
            return problems;
        }
        if (!applies(cmd.get("applicable"), version)) {
            problems.add("not applicable to " + version + " (page: " + String.join(", ", texts(cmd.get("applicable")))
                    + ")");
            return problems;
        }
        for (String p : named) {
            if (p.equals("WhatIf") || p.equals("Confirm")) {
                continue;
            }
            JsonNode papp = cmd.get("parameters").get(p).get("applicable");
            if (!applies(papp, version)) {
                problems.add("-" + p + " not applicable to " + version + " (parameter: "
                        + String.join(", ", texts(papp)) + ")");
            }
        }
        return problems;
    }

    private static boolean applies(JsonNode versions, String version) {
        if (versions == null || versions.isNull() || versions.isEmpty()) {
            return true;
        }
        for (JsonNode a : versions) {
            if (a.asText().toLowerCase(Locale.ROOT).startsWith(version.toLowerCase(Locale.ROOT))) {
                return true;
            }
        }
        return false;
    }

    private static boolean in(JsonNode array, String s) {
        for (JsonNode n : array) {
            if (n.asText().equals(s)) {
                return true;
            }
        }
        return false;
    }

    /** Null when the parameters fit a set of the version, else why they fit none (the closest sets). */
    private String setFit(
            JsonNode cmd, Invocation inv, List<String> named, Set<String> bound, int positional, String version) {
        JsonNode params = cmd.get("parameters");
        List<String> sets = texts(cmd.get("parameter_sets"));
        if (sets.size() > 1) {
            // A set whose own mandatory parameter does not exist in this version does not exist either.
            List<String> live = sets.stream()
                    .filter(s -> !anyParam(
                            params,
                            e -> texts(e.get("sets")).equals(List.of(s))
                                    && in(e.path("required_in"), s)
                                    && !applies(e.get("applicable"), version)))
                    .toList();
            sets = live.isEmpty() ? sets : live;
        }
        List<String> diagnoses = new ArrayList<>();
        List<Integer> scores = new ArrayList<>();
        for (String s : sets) {
            List<String> extra = named.stream()
                    .filter(p -> !in(params.get(p).path("sets"), s))
                    .toList();
            List<Map.Entry<Integer, String>> free = new ArrayList<>();
            params.fields().forEachRemaining(e -> {
                JsonNode pos = e.getValue().path("positions");
                if (pos.has(s) && !bound.contains(e.getKey())) {
                    free.add(Map.entry(pos.get(s).isNull() ? 999 : pos.get(s).asInt(), e.getKey()));
                }
            });
            free.sort(Map.Entry.<Integer, String>comparingByKey().thenComparing(Map.Entry.comparingByValue()));
            Set<String> given = new LinkedHashSet<>(named);
            free.stream().limit(positional).forEach(e -> given.add(e.getValue()));
            int tooMany = Math.max(0, positional - free.size());
            List<String> missing = new ArrayList<>();
            params.fields().forEachRemaining(e -> {
                JsonNode p = e.getValue();
                if (given.contains(e.getKey()) || !in(p.path("required_in"), s)) {
                    return;
                }
                if (!applies(p.get("applicable"), version)) {
                    return;
                }
                if (!inv.first() && p.path("pipeline_input").has(s)) {
                    return;
                }
                missing.add(e.getKey());
            });
            if (extra.isEmpty() && tooMany == 0 && missing.isEmpty()) {
                return null;
            }
            List<String> why = new ArrayList<>();
            if (!extra.isEmpty()) {
                why.add("takes no -" + String.join(", -", extra));
            }
            if (tooMany > 0) {
                why.add("has no position for " + tooMany + " positional argument(s)");
            }
            if (!missing.isEmpty()) {
                why.add("needs -" + String.join(", -", missing));
            }
            diagnoses.add(s + " " + String.join(" and ", why));
            scores.add(extra.size() + tooMany + missing.size());
        }
        List<Integer> order = new ArrayList<>();
        for (int k = 0; k < diagnoses.size(); k++) {
            order.add(k);
        }
        order.sort(Comparator.comparing(scores::get));
        return String.join("; ", order.stream().limit(3).map(diagnoses::get).toList());
    }

    private static boolean anyParam(JsonNode params, java.util.function.Predicate<JsonNode> test) {
        Iterator<JsonNode> it = params.elements();
        while (it.hasNext()) {
            if (test.test(it.next())) {
                return true;
            }
        }
        return false;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** The reference entry of a cmdlet, or null. */
    JsonNode cmdlet(String name) {
        return cmdlets.get(name);
    }
}
