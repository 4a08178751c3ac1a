package io.cutover.assess;

import io.cutover.assess.Assessment.Finding;
import io.cutover.assess.Assessment.FindingCode;
import io.cutover.assess.Assessment.Severity;
import io.cutover.catalog.Build;
import io.cutover.catalog.Migration;
import io.cutover.catalog.MinimumBuild;
import io.cutover.catalog.ProductVersion;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Pool;
import io.cutover.inventory.ServerVersion;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Findings on what each pool runs: versions past Microsoft's end of support, 7.0 pools that may be
 * 2019 or Subscription Edition for want of versions.csv, paths the catalog infers rather than
 * knows, the in-place upgrade that may replace a side-by-side move, and servers below the build
 * that may coexist with the target.
 */
final class BuildFindings extends Survey {
    BuildFindings(Survey shared) {
        super(shared);
    }

    /** One finding per pool whose version's support had ended on {@code today}. */
    void support(LocalDate today) {
        for (Pool p : pools.values()) {
            ProductVersion v = version(p);
            if (v.unsupportedOn(today)) {
                findings.add(new Finding(
                        Severity.WARNING,
                        FindingCode.UNSUPPORTED_VERSION,
                        p.fqdn().text(),
                        p.fqdn() + " runs " + v.name() + ", whose support ended on " + v.endOfSupport()
                                + "; no security updates any more"));
            }
        }
    }

    /** A pool the topology cannot place on one version, when no versions.csv row says which. */
    void identification() {
        for (Pool p : pools.values()) {
            List<ProductVersion> alike = catalog.lookAlikes(version(p));
            if (alike.size() > 1 && inv.serverVersionsOf(p).isEmpty()) {
                findings.add(new Finding(
                        Severity.WARNING,
                        FindingCode.VERSION_UNIDENTIFIED,
                        p.fqdn().text(),
                        p.fqdn() + " runs "
                                + alike.stream().map(ProductVersion::name).collect(Collectors.joining(" or "))
                                + ": the topology cannot tell them apart; assessed as "
                                + version(p).name()
                                + ". Collect versions.csv (Get-CsServerVersion on its servers, as the script of"
                                + " `cutover collect-script` does) to know"));
            }
        }
    }

    /** Unconfirmed paths and alternatives, once per legacy version. */
    void paths() {
        pools.values().stream()
                .filter(this::legacy)
                .map(this::version)
                .distinct()
                .forEach(v -> catalog.migration(v, target).ifPresent(this::path));
    }

    private void path(Migration m) {
        if (!m.confirmed()) {
            findings.add(new Finding(
                    Severity.WARNING,
                    FindingCode.UNCONFIRMED_MIGRATION_PATH,
                    m.from(),
                    m.from() + " -> " + m.to() + " is not documented by Microsoft: planned like " + m.from()
                            + " -> Skype for Business Server 2019 (the same code line); unconfirmed"));
        }
        if (m.alternative() != null) {
            findings.add(new Finding(
                    Severity.INFO,
                    FindingCode.IN_PLACE_UPGRADE_ALTERNATIVE,
                    m.from(),
                    m.from() + " pools can move to " + m.to() + " side by side (this plan); the alternative is "
                            + m.alternative()));
        }
    }

    /** Servers of legacy pools that report a build below the one that may coexist with the target. */
    void minimumBuilds() {
        for (Pool p : pools.values()) {
            Optional<MinimumBuild> min = version(p).minimumFor(target);
            if (!legacy(p) || min.isEmpty()) {
                continue;
            }
            for (ServerVersion s : inv.serverVersionsOf(p)) {
                Optional<Build> b = Build.find(s.version());
                if (isServerRow(s)
                        && b.isPresent()
                        && b.get().compareTo(min.get().build()) < 0) {
                    findings.add(below(p, s.computer(), b.get(), min.get()));
                }
            }
        }
    }

    private static boolean isServerRow(ServerVersion s) {
        // The cmdlet name as the collect script writes it.
        return !"Get-CsServerPatchVersion".equals(s.source());
    }

    private Finding below(Pool p, Fqdn server, Build build, MinimumBuild min) {
        return new Finding(
                Severity.ERROR,
                FindingCode.BELOW_MINIMUM_BUILD,
                server.text(),
                server + " (pool " + p.fqdn() + ") runs " + build + ", below " + min.build()
                        + ", the oldest build of " + version(p).name() + " that may coexist with " + target.name()
                        + "; install " + min.update()
                        + (min.published() ? "" : " (the minimum build is not published by Microsoft: inferred)"));
    }
}
