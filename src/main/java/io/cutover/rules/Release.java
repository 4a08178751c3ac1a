package io.cutover.rules;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;

/**
 * A manual step that releases a pool from a dependency: what a person does, and how the deployment
 * shows it is done. Data only, carried by the plan; {@link #done} reads a snapshot.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "release")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Release.Repoint.class, name = "Repoint"),
    @JsonSubTypes.Type(value = Release.DropXmppRoute.class, name = "DropXmppRoute"),
    @JsonSubTypes.Type(value = Release.Repair.class, name = "Repair")
})
public sealed interface Release {
    /** The pool this step releases. */
    Fqdn pool();

    /** What a person does, for the plan, the runbook and the gate's failure. */
    String instruction();

    /** Whether the deployment no longer holds {@link #pool()} this way. */
    boolean done(Inventory now);

    /**
     * Point {@code holder} (a branch appliance, a Director, a Mediation pool, ...) at {@code to}
     * instead of {@code pool}.
     */
    record Repoint(Fqdn holder, PoolRole role, Fqdn pool, Fqdn to) implements Release {
        public String instruction() {
            String how = switch (role) {
                case SurvivableBranch ->
                    "re-associate Survivable Branch Appliance " + holder + " with " + to
                            + " in Topology Builder (or replace it with a new-version appliance and move its users)";
                case Edge, Director, Mediation ->
                    "point the next hop of " + role + " pool " + holder + " at " + to + " in Topology Builder";
                default -> "point " + role + " pool " + holder + " at " + to + " in Topology Builder";
            };
            return how + ", publish the topology, then approve this step";
        }

        public boolean done(Inventory now) {
            return now.findPool(holder).map(p -> !pool.equals(p.nextHop())).orElse(true);
        }
    }

    /** Remove site {@code site}'s XMPP federation route through the legacy Edge {@code pool}. */
    record DropXmppRoute(String site, Fqdn pool) implements Release {
        public String instruction() {
            return "remove the XMPP federation route of site " + site + " through " + pool
                    + " (Set-CsSite -XmppFederationRoute $null; the target has no XMPP gateway), once nobody needs it, then approve this step";
        }

        public boolean done(Inventory now) {
            return now.findSite(site)
                    .map(s -> !pool.equals(s.xmppFederationRoute()))
                    .orElse(true);
        }
    }

    /**
     * Pair {@code holder} with {@code to} instead of {@code pool} as its backup pool, or (to null)
     * remove its pairing: paired pools run the same version, so a legacy partner that is itself being
     * migrated is unpaired rather than paired with a new pool.
     */
    record Repair(Fqdn holder, Fqdn pool, Fqdn to) implements Release {
        public String instruction() {
            String how = to == null
                    ? "remove the pairing of " + holder + " with " + pool + " (its backup pool) in Topology Builder"
                    : "pair " + holder + " with " + to + " instead of " + pool
                            + " as its backup pool in Topology Builder (Invoke-CsBackupServiceSync afterwards)";
            return how + ", publish the topology, then approve this step";
        }

        public boolean done(Inventory now) {
            return now.findPool(holder).map(p -> !pool.equals(p.backup())).orElse(true);
        }
    }

    /** A release for a hold a person clears, or null when the hold is no pool's or site's link. */
    static Release of(Hold h, Inventory inv, Fqdn replacement, java.util.function.Predicate<Fqdn> goesFirst) {
        if (h.kind() == HoldKind.XMPP_FEDERATION_ROUTE) {
            return new DropXmppRoute(h.holder(), h.pool());
        }
        if (h.kind() == HoldKind.BACKUP_PAIRING) {
            Fqdn holder = Fqdn.of(h.holder());
            // Paired pools run one version: a holder that stays on its legacy version (kept for
            // retained users) cannot be paired with the new pool, only unpaired.
            boolean sameVersion = replacement != null
                    && inv.findPool(holder)
                            .flatMap(p -> inv.findPool(replacement)
                                    .map(t -> t.version().equals(p.version())))
                            .orElse(false);
            return new Repair(holder, h.pool(), goesFirst.test(holder) || !sameVersion ? null : replacement);
        }
        Pool holder = inv.findPool(h.holder()).orElse(null);
        return holder == null || replacement == null
                ? null
                : new Repoint(holder.fqdn(), holder.role(), h.pool(), replacement);
    }
}
