package io.cutover.lab;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import io.cutover.deployment.Subject;
import io.cutover.inventory.ClientSignIn;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Meeting;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.SipAddress;
import java.util.List;

/**
 * One change to the lab, as its log records it. A mutation is an effect, not a request: the rules
 * (and the faults, and the activity after a move) have already been applied when it is written, so
 * replaying the log rebuilds the same state without consulting any of them again.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "op")
@JsonSubTypes({
    @JsonSubTypes.Type(value = Mutation.Moved.class, name = "moved"),
    @JsonSubTypes.Type(value = Mutation.Routed.class, name = "routed"),
    @JsonSubTypes.Type(value = Mutation.Deployed.class, name = "deployed"),
    @JsonSubTypes.Type(value = Mutation.Decommissioned.class, name = "decommissioned"),
    @JsonSubTypes.Type(value = Mutation.Injected.class, name = "injected"),
    @JsonSubTypes.Type(value = Mutation.Cleared.class, name = "cleared"),
    @JsonSubTypes.Type(value = Mutation.PolicyDropped.class, name = "policyDropped"),
    @JsonSubTypes.Type(value = Mutation.MeetingScheduled.class, name = "meetingScheduled"),
    @JsonSubTypes.Type(value = Mutation.ClientUpgraded.class, name = "clientUpgraded"),
    @JsonSubTypes.Type(value = Mutation.Repointed.class, name = "repointed"),
    @JsonSubTypes.Type(value = Mutation.XmppRouteDropped.class, name = "xmppRouteDropped"),
    @JsonSubTypes.Type(value = Mutation.Repaired.class, name = "repaired"),
    @JsonSubTypes.Type(value = Mutation.UserDataLost.class, name = "userDataLost"),
    @JsonSubTypes.Type(value = Mutation.UserDataRestored.class, name = "userDataRestored")
})
sealed interface Mutation {
    /** A user, object or the CMS now lives on this pool; a user's meetings went with it. */
    record Moved(Subject subject, Fqdn pool) implements Mutation {}

    record Routed(String site, Fqdn edge) implements Mutation {}

    record Deployed(Fqdn pool) implements Mutation {}

    record Decommissioned(Fqdn pool) implements Mutation {}

    /** Faults added; a profile's seed replaces the lab's, a single fault (seed null) keeps it. */
    record Injected(List<Fault> faults, Long seed) implements Mutation {
        public Injected {
            faults = List.copyOf(faults);
        }
    }

    /** Every fault removed. */
    record Cleared() implements Mutation {}

    record PolicyDropped(SipAddress sipAddress, PolicyKind policy) implements Mutation {}

    /** A moved user scheduled a meeting on the new pool. */
    record MeetingScheduled(Meeting meeting) implements Mutation {}

    /** A pool now depends on another (a branch appliance re-associated, a next hop changed). */
    record Repointed(Fqdn holder, Fqdn to) implements Mutation {}

    /** A pool now paired with another as its backup (to null: with none). */
    record Repaired(Fqdn holder, Fqdn to) implements Mutation {}

    /** A site's XMPP federation route removed. */
    record XmppRouteDropped(String site) implements Mutation {}

    /** A moved user upgraded their client. */
    record ClientUpgraded(ClientSignIn client) implements Mutation {}

    /** A moved user lost some of their data (a {@link Fault.LoseOnMove}). */
    record UserDataLost(SipAddress sipAddress, Fault.UserData data) implements Mutation {}

    /** What a user had when {@code before} was read is back; meetings put back are dated {@code at}. */
    record UserDataRestored(io.cutover.deployment.UserState before, java.time.Instant at) implements Mutation {}
}
