package io.cutover.lab;

import io.cutover.catalog.Feature;
import io.cutover.catalog.ProductVersion;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.PoolState;
import io.cutover.deployment.Subject;
import io.cutover.deployment.UserState;
import io.cutover.inventory.ClientSignIn;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.Meeting;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.inventory.User;
import io.cutover.rules.Release;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The changes a caller asks of the lab, each decided and committed under the lab's lock: moves of
 * users, objects and the CMS, federation routes, deploying and decommissioning pools.
 */
final class LabMoves {
    private final Lab lab;
    private final LabState state;
    private final LabStore store;
    private final Clock clock;
    private final Object lock;
    private final LabFaults failures;

    LabMoves(Lab lab, LabState state, LabStore store, Clock clock, Object lock, LabFaults failures) {
        this.lab = lab;
        this.state = state;
        this.store = store;
        this.clock = clock;
        this.lock = lock;
        this.failures = failures;
    }

    long moveLocked(Subject subject, Fqdn targetPool) {
        return moveLocked(subject, targetPool, false);
    }

    /** Export-CsRgsConfiguration then Import-CsRgsConfiguration: Response Group configuration only. */
    long exportImportLocked(Subject subject, Fqdn targetPool) {
        if (subject.kind() != HomedKind.RgsConfiguration) {
            throw DeploymentFailure.permanent(
                    "Export-CsRgsConfiguration and Import-CsRgsConfiguration carry Response Group configuration, not "
                            + subject);
        }
        return moveLocked(subject, targetPool, true);
    }

    private long moveLocked(Subject subject, Fqdn targetPool, boolean exportImport) {
        synchronized (lock) {
            Fqdn home = state.home(subject)
                    .orElseThrow(() -> DeploymentFailure.permanent(
                            "cannot move " + subject + ": no such " + subject.kind() + " in the deployment"));
            Pool target = lab.known(targetPool);
            if (home.equals(target.fqdn())) {
                return store.ticket();
            }
            if (target.role() != PoolRole.FrontEnd) {
                throw DeploymentFailure.permanent("cannot move " + subject + " to " + target.fqdn() + ": it is a "
                        + target.role() + " pool; users, objects and the CMS are homed on a FrontEnd pool");
            }
            lab.requireUp(target, "cannot move " + subject + " to " + target.fqdn());
            Pool source = state.pool(home).orElseThrow();
            if (state.state(source) == PoolState.Down) {
                throw DeploymentFailure.retryable(
                        "cannot move " + subject + " off " + source.fqdn() + ": the pool is down");
            }
            ProductVersion from = state.version(source);
            ProductVersion to = state.version(target);
            if (!state.catalog.mayCoexist(from, to)) {
                throw DeploymentFailure.permanent("cannot move " + subject + " from " + source.fqdn() + " to "
                        + target.fqdn() + ": " + from.name() + " and " + to.name() + " may not coexist");
            }
            if (subject.kind() == HomedKind.RgsConfiguration && !exportImport && from.sameCodeAs(to)) {
                // As the real cmdlet: it moves the configuration only from an older code line to a newer
                // one (going back, the legacy copy left for rollback is what the lab models).
                throw DeploymentFailure.permanent("Move-CsRgsConfiguration cannot move " + subject + " from "
                        + from.name() + " to " + to.name()
                        + ": it moves Response Group configuration only from an older version to a newer one; use"
                        + " Export-CsRgsConfiguration and Import-CsRgsConfiguration");
            }
            User user =
                    subject.kind() == HomedKind.User ? state.user(subject.id()).orElseThrow() : null;
            if (user != null) {
                for (Feature f : user.features()) {
                    if (!to.offers(f)) {
                        throw DeploymentFailure.permanent(
                                "cannot move " + user.sipAddress() + " to " + target.fqdn() + ": " + user.sipAddress()
                                        + " depends on " + f + ", which " + to.name() + " does not offer");
                    }
                }
            }
            failures.failTransiently(
                    Operations.MOVE,
                    subject.toString(),
                    target.fqdn().text(),
                    "move of " + subject + " to " + target.fqdn());
            List<Mutation> effects = new ArrayList<>(4);
            effects.add(new Mutation.Moved(subject, target.fqdn()));
            if (user != null) {
                for (PolicyKind kind :
                        state.faults().dropsOnMoveInto(target.fqdn().text())) {
                    if (user.policies().containsKey(kind)) {
                        effects.add(new Mutation.PolicyDropped(user.sipAddress(), kind));
                    }
                }
                for (Fault.UserData data :
                        state.faults().losesOnMoveInto(target.fqdn().text())) {
                    effects.add(new Mutation.UserDataLost(user.sipAddress(), data));
                }
                if (from.isOlderThan(to)) {
                    afterUpgradeMove(user, target, effects);
                }
            }
            return lab.commit(effects);
        }
    }

    /**
     * What a user does once on a newer version, decided per SIP address so that rollback can be
     * rehearsed against the same consequences every time.
     */
    void afterUpgradeMove(User user, Pool target, List<Mutation> effects) {
        Scenario.Activity a = state.scenario.activity();
        SipAddress sip = user.sipAddress();
        String key = sip.key();
        Instant now = clock.instant();
        String client = state.client(sip).map(ClientSignIn::clientVersion).orElse(null);
        if (a.clientUpgrade() > 0
                && Chance.of(a.seed(), "clientUpgrade", key, 0) < a.clientUpgrade()
                && !a.upgradedClient().equals(client)) {
            client = a.upgradedClient();
            effects.add(new Mutation.ClientUpgraded(new ClientSignIn(sip, client, now)));
        }
        if (a.newMeeting() > 0 && Chance.of(a.seed(), "newMeeting", key, 0) < a.newMeeting()) {
            int k = state.meetingCount(sip) + 1;
            effects.add(new Mutation.MeetingScheduled(
                    new Meeting(sip, Expansion.conferenceId(sip.text(), k), target.fqdn(), now, client)));
        }
    }

    /** Puts back what a user had; a user the lab does not have fails permanently. */
    long restoreLocked(UserState before) {
        synchronized (lock) {
            if (state.user(before.sipAddress()).isEmpty()) {
                throw DeploymentFailure.permanent(
                        "cannot restore the data of " + before.sipAddress() + ": no such user in the deployment");
            }
            return lab.commit(List.of(new Mutation.UserDataRestored(before, clock.instant())));
        }
    }

    long routeLocked(String site, Pool edge) {
        synchronized (lock) {
            Site s = state.site(site)
                    .orElseThrow(() -> DeploymentFailure.permanent("no site '" + site + "' in the topology; sites: "
                            + state.sites().stream().map(Site::name).collect(Collectors.joining(", "))));
            if (edge.fqdn().equals(s.federationRoute())) {
                return store.ticket();
            }
            if (edge.role() != PoolRole.Edge) {
                throw DeploymentFailure.permanent("cannot route " + s.name() + "'s federation through " + edge.fqdn()
                        + ": it is a " + edge.role() + " pool, not an Edge pool");
            }
            lab.requireUp(edge, "cannot route " + s.name() + "'s federation through " + edge.fqdn());
            failures.failTransiently(
                    Operations.ROUTE, s.name(), edge.fqdn().text(), "setting " + s.name() + "'s federation route");
            return lab.commit(List.of(new Mutation.Routed(s.name(), edge.fqdn())));
        }
    }

    /**
     * Does a manual step as the admin of a rehearsal would, as strictly as a real topology: the pool
     * a holder is pointed at must be up and able to take it (a registrar).
     */
    long releaseLocked(Release release) {
        synchronized (lock) {
            if (release instanceof Release.DropXmppRoute d) {
                Site s = state.site(d.site())
                        .orElseThrow(() -> DeploymentFailure.permanent("no site '" + d.site() + "' in the topology"));
                return lab.commit(List.of(new Mutation.XmppRouteDropped(s.name())));
            }
            if (release instanceof Release.Repair p) {
                Pool holder = lab.known(p.holder());
                if (p.to() != null) {
                    Pool to = lab.known(p.to());
                    if (!to.role().homesUsers() || !to.version().equals(holder.version())) {
                        throw DeploymentFailure.permanent("cannot pair " + holder.fqdn() + " with " + to.fqdn()
                                + ": paired pools are registrar pools of the same version");
                    }
                    lab.requireUp(to, "cannot pair " + holder.fqdn() + " with " + to.fqdn());
                }
                return lab.commit(List.of(new Mutation.Repaired(holder.fqdn(), p.to())));
            }
            Release.Repoint r = (Release.Repoint) release;
            Pool holder = lab.known(r.holder());
            Pool to = lab.known(r.to());
            if (!to.role().isRegistrar()) {
                throw DeploymentFailure.permanent("cannot point " + holder.fqdn() + " at " + to.fqdn() + ": it is a "
                        + to.role() + " pool, not a registrar");
            }
            lab.requireUp(to, "cannot point " + holder.fqdn() + " at " + to.fqdn());
            return lab.commit(List.of(new Mutation.Repointed(holder.fqdn(), to.fqdn())));
        }
    }

    long deployLocked(Pool pool) {
        synchronized (lock) {
            PoolState built = state.builtState(pool);
            if (built == PoolState.Up) {
                return store.ticket();
            }
            if (built == PoolState.Decommissioned) {
                throw DeploymentFailure.permanent(
                        "cannot deploy " + pool.fqdn() + ": it was decommissioned, and there is no way back");
            }
            ProductVersion v = state.version(pool);
            for (Pool other : state.pools()) {
                if (state.builtState(other) == PoolState.Up && !state.catalog.mayCoexist(v, state.version(other))) {
                    throw DeploymentFailure.permanent("cannot deploy " + pool.fqdn() + ": " + v.name()
                            + " may not coexist with " + state.version(other).name() + " (" + other.fqdn() + ")");
                }
            }
            failures.failTransiently(
                    Operations.DEPLOY, pool.fqdn().text(), pool.fqdn().text(), "deploying " + pool.fqdn());
            return lab.commit(List.of(new Mutation.Deployed(pool.fqdn())));
        }
    }

    long decommissionLocked(Pool pool) {
        synchronized (lock) {
            if (state.builtState(pool) == PoolState.Decommissioned) {
                return store.ticket();
            }
            List<Fqdn> unknown = state.unknown(pool);
            if (!unknown.isEmpty()) {
                // Decommissioning stops services on every server: one that cannot be reached cannot be.
                throw DeploymentFailure.permanent("cannot decommission " + pool.fqdn() + ": "
                        + unknown.stream().map(Fqdn::text).collect(Collectors.joining(", "))
                        + " did not answer the collection; its state is unknown: re-collect");
            }
            List<String> blockers = state.blockers(pool);
            if (!blockers.isEmpty()) {
                throw DeploymentFailure.permanent("cannot decommission " + pool.fqdn() + ": "
                        + String.join("; ", blockers) + ". Move everything off it first");
            }
            failures.failTransiently(
                    Operations.DECOMMISSION, pool.fqdn().text(), pool.fqdn().text(), "decommissioning " + pool.fqdn());
            return lab.commit(List.of(new Mutation.Decommissioned(pool.fqdn())));
        }
    }
}
