package io.cutover.lab;

import io.cutover.deployment.UserState;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Meeting;
import io.cutover.inventory.Policies;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.User;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the lab keeps of a user beyond users.csv: LineURI, Enterprise Voice, the contact count and
 * the conference directory serving the user's dial-in conference ids. A scenario does not list
 * them; they are a pure function of each user's SIP address and first pool, so every lab built
 * from one scenario starts alike, and only the mutations of its log change them.
 */
final class LabUserData {
    /** Of every user: what Get-CsUser and Export-CsUserData would say beyond the inventory. */
    record Extra(String lineUri, boolean enterpriseVoice, int contacts, String conferenceDirectory) {}

    private final Map<SipAddress, Extra> extras = new ConcurrentHashMap<>();

    LabUserData(Inventory initial) {
        Map<Fqdn, String> directories = new TreeMap<>();
        for (HomedObject o : initial.objects()) {
            if (o.kind() == HomedKind.ConferenceDirectory) {
                directories.putIfAbsent(o.pool(), o.identity());
            }
        }
        for (User u : initial.users()) {
            extras.put(u.sipAddress(), initial(u, directories.get(u.pool())));
        }
    }

    private static Extra initial(User u, String directory) {
        String key = u.sipAddress().key();
        boolean voice = u.policies().containsKey(PolicyKind.Voice) || Chance.of(0, "enterpriseVoice", key, 0) < 0.5;
        String line = voice
                ? String.format(Locale.ROOT, "tel:+1425555%04d", Math.floorMod(Chance.hash(0, key, 1), 10_000L))
                : null;
        int contacts = 1 + (int) (Chance.of(0, "contacts", key, 0) * 40);
        return new Extra(line, voice, contacts, directory);
    }

    /** The user's state as the lab reads it, homed in {@code site} under {@code policies} (null for none). */
    UserState state(User user, Policies policies, String site, List<Meeting> meetings) {
        Extra e = extras.get(user.sipAddress());
        return new UserState(
                user.sipAddress(),
                user.policies(),
                (policies == null ? Policies.none() : policies).effective(user, site),
                e.lineUri(),
                e.enterpriseVoice(),
                meetings.stream().map(Meeting::conferenceId).toList(),
                e.conferenceDirectory(),
                e.contacts(),
                null);
    }

    /** Applies a {@link Mutation.UserDataLost} of anything but meetings, which the caller keeps. */
    void lose(SipAddress user, Fault.UserData data) {
        extras.computeIfPresent(user, (k, e) -> switch (data) {
            case Contacts -> new Extra(e.lineUri(), e.enterpriseVoice(), 0, e.conferenceDirectory());
            case LineUri -> new Extra(null, e.enterpriseVoice(), e.contacts(), e.conferenceDirectory());
            case EnterpriseVoice -> new Extra(e.lineUri(), false, e.contacts(), e.conferenceDirectory());
            case ConferenceDirectory -> new Extra(e.lineUri(), e.enterpriseVoice(), e.contacts(), null);
            case Meetings -> e;
        });
    }

    /** Applies the extras of a {@link Mutation.UserDataRestored}. */
    void restore(UserState before) {
        extras.computeIfPresent(
                before.sipAddress(),
                (k, e) -> new Extra(
                        before.lineUri(),
                        before.enterpriseVoice(),
                        before.contacts() == null ? e.contacts() : before.contacts(),
                        before.conferenceDirectory()));
    }

    /** {@code owned} with every meeting of {@code before} that is missing put back on {@code pool}, dated {@code at}. */
    static List<Meeting> withMeetings(
            List<Meeting> owned, UserState before, Fqdn pool, java.time.Instant at, String client) {
        List<Meeting> back = new java.util.ArrayList<>(owned);
        for (String id : before.conferenceIds()) {
            if (owned.stream().noneMatch(x -> x.conferenceId().equals(id))) {
                back.add(new Meeting(before.sipAddress(), id, pool, at, client));
            }
        }
        return List.copyOf(back);
    }
}
