package io.cutover.lab;

import io.cutover.deployment.UserState;
import io.cutover.inventory.ClientSignIn;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Meeting;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.User;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The lab's users and what each owns: the pool and per-user policies, the meetings they organise,
 * the client they sign in with, the data their pool keeps for them. Read lock-free, changed only
 * under the lab's lock, as the rest of {@link LabState}.
 */
final class LabUsers {
    private final Inventory initial;
    private final Map<SipAddress, User> users = new ConcurrentHashMap<>();
    private final Map<SipAddress, List<Meeting>> meetings = new ConcurrentHashMap<>();
    private final Map<SipAddress, ClientSignIn> clients = new ConcurrentHashMap<>();
    private final LabUserData userData;

    LabUsers(Inventory initial) {
        this.initial = initial;
        initial.users().forEach(u -> users.put(u.sipAddress(), u));
        for (Meeting m : initial.meetings()) {
            meetings.merge(m.organizer(), List.of(m), LabUsers::concat);
        }
        initial.clients().forEach(c -> clients.put(c.sipAddress(), c));
        userData = new LabUserData(initial);
    }

    private static <T> List<T> concat(List<T> a, List<T> b) {
        List<T> all = new ArrayList<>(a.size() + b.size());
        all.addAll(a);
        all.addAll(b);
        return List.copyOf(all);
    }

    // ---- reads ----

    Optional<User> user(SipAddress sip) {
        return sip == null ? Optional.empty() : Optional.ofNullable(users.get(sip));
    }

    Optional<ClientSignIn> client(SipAddress sip) {
        return Optional.ofNullable(clients.get(sip));
    }

    int meetingCount(SipAddress organizer) {
        return meetings.getOrDefault(organizer, List.of()).size();
    }

    /** The user's verifiable state now, or empty for a user the lab does not have. */
    Optional<UserState> state(SipAddress sip, Function<User, String> siteOf) {
        return user(sip)
                .map(u ->
                        userData.state(u, initial.policies(), siteOf.apply(u), meetings.getOrDefault(sip, List.of())));
    }

    int count() {
        return users.size();
    }

    /** Every user as now, in no particular order. */
    Collection<User> all() {
        return Collections.unmodifiableCollection(users.values());
    }

    /** Every user as now, in the scenario's order. */
    List<User> inScenarioOrder() {
        return initial.users().stream().map(u -> users.get(u.sipAddress())).toList();
    }

    /** The users, the meetings they organise and their clients now, each in the scenario's order. */
    record Now(List<User> users, List<Meeting> meetings, List<ClientSignIn> clients) {}

    /** What a snapshot holds of the users, in the scenario's order so that two snapshots compare equal. */
    Now now() {
        List<User> us = new ArrayList<>(initial.users().size());
        List<Meeting> ms = new ArrayList<>(initial.meetings().size());
        List<ClientSignIn> cs = new ArrayList<>(initial.clients().size());
        for (User u : initial.users()) {
            SipAddress k = u.sipAddress();
            us.add(users.get(k));
            ms.addAll(meetings.getOrDefault(k, List.of()));
            ClientSignIn c = clients.get(k);
            if (c != null) {
                cs.add(c);
            }
        }
        return new Now(us, ms, cs);
    }

    // ---- changes, under the lab's lock ----

    /** The user and the meetings they organise now live on {@code target}. */
    void move(SipAddress k, Fqdn target) {
        users.put(k, users.get(k).withPool(target));
        List<Meeting> owned = meetings.get(k);
        if (owned != null) {
            meetings.put(k, owned.stream().map(x -> x.withPool(target)).toList());
        }
    }

    void dropPolicy(SipAddress k, PolicyKind policy) {
        User u = users.get(k);
        Map<PolicyKind, String> policies = new EnumMap<>(PolicyKind.class);
        policies.putAll(u.policies());
        policies.remove(policy);
        users.put(k, u.withPolicies(policies));
    }

    void schedule(Meeting meeting) {
        meetings.merge(meeting.organizer(), List.of(meeting), LabUsers::concat);
    }

    void upgrade(ClientSignIn client) {
        clients.put(client.sipAddress(), client);
    }

    void lose(SipAddress k, Fault.UserData data) {
        if (data == Fault.UserData.Meetings) {
            meetings.remove(k);
        }
        userData.lose(k, data);
    }

    void restore(UserState before, Instant at) {
        SipAddress k = before.sipAddress();
        users.computeIfPresent(k, (x, u) -> u.withPolicies(before.perUser()));
        userData.restore(before);
        String client = client(k).map(ClientSignIn::clientVersion).orElse(null);
        meetings.put(
                k,
                LabUserData.withMeetings(
                        meetings.getOrDefault(k, List.of()),
                        before,
                        users.get(k).pool(),
                        at,
                        client));
    }
}
