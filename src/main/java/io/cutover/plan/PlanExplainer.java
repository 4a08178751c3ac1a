package io.cutover.plan;

import io.cutover.catalog.Feature;
import io.cutover.check.Check;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * A plan as text for people ({@code cutover plan --explain}): what it does per site and per pool,
 * in the order it runs, who it leaves behind and which pools it keeps. Users moved in batches are
 * counted, not listed, so a plan of any size reads in a few screens; retained users are listed one
 * by one because each is a decision someone must own.
 */
public final class PlanExplainer {
    private static final String SITE_WIDE = "(site-wide)";

    private static final Comparator<List<Feature>> FEATURES = (a, b) -> {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            int c = a.get(i).compareTo(b.get(i));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.size(), b.size());
    };

    private PlanExplainer() {}

    public static String explain(Plan plan) {
        StringBuilder out = new StringBuilder();
        header(plan, out);
        steps(plan, out);
        retained(plan, out);
        kept(plan, out);
        return out.toString();
    }

    private static void header(Plan plan, StringBuilder out) {
        int gates = 0;
        int batches = 0;
        int routes = 0;
        int decommissions = 0;
        int users = 0;
        int objects = 0;
        int cms = 0;
        for (Step step : plan.steps()) {
            if (step instanceof Step.Gate) {
                gates++;
            } else if (step instanceof Step.RouteFederation) {
                routes++;
            } else if (step instanceof Step.Decommission) {
                decommissions++;
            } else if (step instanceof Step.MoveBatch b) {
                batches++;
                for (Move m : b.moves()) {
                    HomedKind kind = m.subject().kind();
                    if (kind == HomedKind.User) {
                        users++;
                    } else if (kind == HomedKind.Cms) {
                        cms++;
                    } else {
                        objects++;
                    }
                }
            }
        }
        List<String> sites = new ArrayList<>(bySite(plan).keySet());
        String checksum = plan.checksum() == null
                ? "(not sealed)"
                : plan.checksum().substring(0, Math.min(12, plan.checksum().length()));
        out.append("cutover plan to ").append(plan.options().target()).append('\n');
        out.append("  source:   ").append(plan.source()).append('\n');
        out.append("  checksum: ").append(checksum).append('\n');
        out.append("  sites:    ")
                .append(sites.size())
                .append(sites.isEmpty() ? "" : " (" + String.join(", ", sites) + ")")
                .append('\n');
        out.append("  steps:    ")
                .append(plan.steps().size())
                .append(" (")
                .append(gates)
                .append(" gates, ")
                .append(batches)
                .append(" move batches, ")
                .append(routes)
                .append(" federation route moves, ")
                .append(decommissions)
                .append(" decommissions), numbered in the order they run")
                .append('\n');
        out.append("  moves:    ")
                .append(users)
                .append(" users, ")
                .append(objects)
                .append(" objects")
                .append(cms > 0 ? ", the Central Management Store" : "")
                .append('\n');
        out.append("  retained: ")
                .append(plan.retained().size())
                .append(plan.retained().size() == 1 ? " user" : " users")
                .append(" stay on a legacy pool")
                .append('\n');
        out.append("  kept:     ")
                .append(plan.kept().size())
                .append(plan.kept().size() == 1 ? " pool" : " pools")
                .append(" not decommissioned")
                .append('\n');
        if (plan.steps().isEmpty()) {
            out.append("\nNothing to migrate: no pool is older than ")
                    .append(plan.options().target())
                    .append(".\n");
        }
    }

    /** Steps by site, then by pool (site-wide steps under their own heading), keeping plan order within each. */
    private static Map<String, Map<String, List<Integer>>> bySite(Plan plan) {
        Map<String, Map<String, List<Integer>>> sites = new LinkedHashMap<>();
        for (int i = 0; i < plan.steps().size(); i++) {
            Step step = plan.steps().get(i);
            String pool = step.pool() == null ? SITE_WIDE : step.pool().text();
            sites.computeIfAbsent(step.site(), s -> new LinkedHashMap<>())
                    .computeIfAbsent(pool, p -> new ArrayList<>())
                    .add(i);
        }
        return sites;
    }

    private static void steps(Plan plan, StringBuilder out) {
        int width = String.valueOf(plan.steps().size()).length();
        bySite(plan).forEach((site, pools) -> {
            out.append("\nSite ").append(site).append('\n');
            pools.forEach((pool, indexes) -> {
                out.append("  ").append(pool).append('\n');
                Phase phase = null;
                for (int i : indexes) {
                    Step step = plan.steps().get(i);
                    if (step.phase() != phase) {
                        phase = step.phase();
                        out.append("    ").append(phase).append('\n');
                    }
                    String number = String.valueOf(i + 1);
                    out.append("      ")
                            .append(" ".repeat(width - number.length()))
                            .append(number)
                            .append(". ")
                            .append(step.id())
                            .append(": ")
                            .append(step.title())
                            .append(detail(step))
                            .append('\n');
                    if (step instanceof Step.Gate gate) {
                        String indent = "        " + " ".repeat(width + 2);
                        for (Check check : gate.checks()) {
                            if (!check.describe().equals(gate.title())) {
                                out.append(indent)
                                        .append("- ")
                                        .append(check.describe())
                                        .append('\n');
                            }
                        }
                    }
                }
            });
        });
    }

    private static String detail(Step step) {
        if (step instanceof Step.MoveBatch batch && !batch.moves().isEmpty()) {
            Move first = batch.moves().get(0);
            boolean oneWay =
                    batch.moves().stream().allMatch(m -> m.from().equals(first.from()) && m.to().equals(first.to()));
            return oneWay ? ", " + first.from() + " -> " + first.to() : "";
        }
        return "";
    }

    private static void retained(Plan plan, StringBuilder out) {
        if (plan.retained().isEmpty()) {
            return;
        }
        out.append("\nRetained users (").append(plan.retained().size()).append("), who stay on their legacy pool\n");
        // Per pool, users grouped by the features that hold them back, fewest features first.
        Map<Fqdn, List<Retained>> byPool = new LinkedHashMap<>();
        plan.retained()
                .forEach(r ->
                        byPool.computeIfAbsent(r.pool(), p -> new ArrayList<>()).add(r));
        byPool.forEach((pool, users) -> {
            out.append("  ").append(pool).append('\n');
            Map<List<Feature>, List<Retained>> byFeatures = new TreeMap<>(FEATURES);
            users.forEach(r -> byFeatures
                    .computeIfAbsent(r.features(), f -> new ArrayList<>())
                    .add(r));
            byFeatures.forEach((features, group) -> {
                if (features.isEmpty()) {
                    heldBack(group, out);
                    return;
                }
                String reason = group.stream().map(Retained::reason).distinct().collect(Collectors.joining("; "));
                out.append("    ")
                        .append(features.stream().map(Feature::name).collect(Collectors.joining(", ")))
                        .append(": ")
                        .append(reason)
                        .append(" (")
                        .append(group.size())
                        .append(")\n");
                group.forEach(r -> out.append("      ").append(r.sipAddress()).append('\n'));
            });
        });
    }

    /** Users held back for something other than a feature (an old client): each with its own reason. */
    private static void heldBack(List<Retained> group, StringBuilder out) {
        Map<String, List<Retained>> byCode = new TreeMap<>();
        group.forEach(r -> byCode.computeIfAbsent(String.valueOf(r.code()), c -> new ArrayList<>())
                .add(r));
        byCode.forEach((code, users) -> {
            out.append("    ").append(code).append(" (").append(users.size()).append(")\n");
            users.forEach(r -> out.append("      ")
                    .append(r.sipAddress())
                    .append(": ")
                    .append(r.reason())
                    .append('\n'));
        });
    }

    private static void kept(Plan plan, StringBuilder out) {
        if (plan.kept().isEmpty()) {
            return;
        }
        out.append("\nKept pools (").append(plan.kept().size()).append("), not decommissioned by this plan\n");
        for (KeptPool k : plan.kept()) {
            out.append("  ")
                    .append(k.pool())
                    .append(" (")
                    .append(k.site())
                    .append("): ")
                    .append(k.reason())
                    .append('\n');
        }
    }
}
