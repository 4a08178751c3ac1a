package io.cutover.deployment;

import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.SipAddress;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * What a deployment says a user has that a move can lose, read before the move and again after
 * it (and after a rollback) to compare. The dial plan is the {@link PolicyKind#DialPlan} entry of
 * the policies.
 *
 * @param perUser the per-user policy assignments (Get-CsUser); an absent kind means none
 * @param effective the policy in force for each kind (Get-CsEffectivePolicy, or site and global
 *     policies where the deployment has no such cmdlet); an absent kind means none is known
 * @param lineUri Get-CsUser's LineURI ({@code tel:+14255550100}), or null for none
 * @param enterpriseVoice Get-CsUser's EnterpriseVoiceEnabled
 * @param conferenceIds the conference ids of the meetings the user organises, sorted
 * @param conferenceDirectory the identity of the conference directory that serves the user's
 *     dial-in conference ids, or null for none
 * @param contacts how many contacts the user has, or null where the deployment does not give it
 * @param export where the deployment keeps the data it read (the file Export-CsUserData wrote), so
 *     {@link Deployment#restore} can put it back; null when the deployment needs none. Not compared.
 */
public record UserState(
        SipAddress sipAddress,
        Map<PolicyKind, String> perUser,
        Map<PolicyKind, String> effective,
        String lineUri,
        boolean enterpriseVoice,
        List<String> conferenceIds,
        String conferenceDirectory,
        Integer contacts,
        String export) {

    public UserState {
        Objects.requireNonNull(sipAddress, "sipAddress");
        perUser = copy(perUser);
        effective = copy(effective);
        conferenceIds = List.copyOf(new TreeSet<>(conferenceIds));
    }

    private static Map<PolicyKind, String> copy(Map<PolicyKind, String> policies) {
        Map<PolicyKind, String> m = new EnumMap<>(PolicyKind.class);
        policies.forEach((k, v) -> {
            if (v != null && !v.isEmpty()) {
                m.put(k, v);
            }
        });
        return Map.copyOf(m);
    }

    /**
     * What differs in {@code now} from this state, one line per attribute, each naming the user and
     * the attribute ("sip:alice@contoso.com: contacts was 12, now 0"); empty when nothing differs.
     * A contact count either side does not know is not compared.
     */
    public List<String> differences(UserState now) {
        List<String> lines = new ArrayList<>();
        for (PolicyKind kind : PolicyKind.values()) {
            differ(lines, "per-user " + kind.column(), perUser.get(kind), now.perUser.get(kind));
            differ(lines, "effective " + kind.column(), effective.get(kind), now.effective.get(kind));
        }
        differ(lines, "LineURI", lineUri, now.lineUri);
        differ(lines, "EnterpriseVoiceEnabled", enterpriseVoice, now.enterpriseVoice);
        List<String> lost = new ArrayList<>(conferenceIds);
        lost.removeAll(now.conferenceIds);
        if (!lost.isEmpty()) {
            lines.add("meetings: " + lost.size() + " of " + conferenceIds.size() + " lost (conference ids "
                    + String.join(", ", lost) + ")");
        }
        differ(lines, "conference directory", conferenceDirectory, now.conferenceDirectory);
        if (contacts != null && now.contacts != null) {
            differ(lines, "contacts", contacts, now.contacts);
        }
        return lines.stream().map(l -> sipAddress + ": " + l).toList();
    }

    private static void differ(List<String> lines, String attribute, Object was, Object is) {
        if (!Objects.equals(was, is)) {
            lines.add(attribute + " was " + show(was) + ", now " + show(is));
        }
    }

    private static String show(Object value) {
        return value == null ? "(none)" : value.toString();
    }
}
