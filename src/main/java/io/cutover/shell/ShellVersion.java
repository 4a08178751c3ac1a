package io.cutover.shell;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The Management Shell of one product version, as far as the cmdlets cutover writes differ
 * between versions: a cmdlet that came later than Lync Server 2010 is only written for a shell
 * that has it. Moves and reads run in the shell of the newest version in the topology (the
 * migration's target), which manages the older pools too.
 *
 * @param name the product name ("Lync Server 2013"); a name this class does not know is taken as
 *     newer than every one it knows
 */
record ShellVersion(String name) {
    /** The product versions in release order. */
    private static final List<String> ORDER = List.of(
            "Lync Server 2010", "Lync Server 2013", "Skype for Business Server 2015", "Skype for Business Server 2019");

    /** The cmdlets that came after Lync Server 2010, and the first version whose shell has each. */
    private static final Map<String, String> SINCE = since();

    /**
     * The cmdlets whose parameters the last versions no longer have, and the last version that has
     * them: Persistent Chat went with Skype for Business Server 2019.
     */
    private static final Map<String, String> UNTIL = new TreeMap<>(Map.of(
            "Test-CsPersistentChatMessage", "Skype for Business Server 2015",
            "Grant-CsPersistentChatPolicy", "Skype for Business Server 2015"));

    /** The newest version this class knows. */
    static final ShellVersion NEWEST = new ShellVersion(ORDER.get(ORDER.size() - 1));

    private static Map<String, String> since() {
        Map<String, String> m = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String c : List.of(
                "Get-CsMeetingRoom",
                "Move-CsMeetingRoom",
                "Get-CsPersistentChatRoom",
                "Get-CsPersistentChatPolicy",
                "Grant-CsPersistentChatPolicy",
                "Test-CsPersistentChatMessage",
                "Test-CsXmppIM",
                "Test-CsAVEdgeConnectivity",
                "Get-CsEffectivePolicy",
                "Export-CsUserData",
                "Update-CsUserData")) {
            m.put(c, "Lync Server 2013");
        }
        for (String c : List.of("Get-CsThirdPartyVideoSystem", "Move-CsThirdPartyVideoSystem", "Start-CsPool")) {
            m.put(c, "Skype for Business Server 2015");
        }
        return m;
    }

    private int rank() {
        int i = ORDER.indexOf(name);
        return i < 0 ? ORDER.size() : i;
    }

    /** Whether this version's shell has {@code cmdlet} (every cmdlet not listed here is in every version's). */
    boolean has(String cmdlet) {
        String first = SINCE.get(cmdlet);
        String last = UNTIL.get(cmdlet);
        return (first == null || ORDER.indexOf(first) <= rank()) && (last == null || rank() <= ORDER.indexOf(last));
    }

    /** The newer of two versions. */
    ShellVersion max(ShellVersion other) {
        return other.rank() > rank() ? other : this;
    }
}
