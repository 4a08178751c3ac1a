package io.cutover.inventory;

/**
 * A server that did not answer while the deployment's state was collected: its services (or
 * whatever {@code source} is) are missing from the inventory rather than reported as stopped.
 *
 * @param source what was being read, e.g. "Get-CsWindowsService"; null when not said
 */
public record UnansweredServer(String computer, String source, String error) {
    /** The cmdlet whose silence leaves a server's services, and so its state, unknown. */
    public static final String SERVICES = "Get-CsWindowsService";

    /**
     * Whether this server's state is unknown: it did not answer for its services (or the collection
     * did not say what it was asking), so nothing tells whether it runs, is stopped, or is gone.
     * Another cmdlet's silence (its version, say) leaves only that one fact unknown.
     */
    public boolean stateUnknown() {
        String s = source == null ? "" : source.strip();
        return s.isEmpty() || (s.length() == SERVICES.length() && s.regionMatches(true, 0, SERVICES, 0, s.length()));
    }

    /** The server as an FQDN, or null when the row names no server ("(topology)", a bad spelling). */
    public Fqdn server() {
        // The collect script names what is no server in parentheses: "(topology)".
        if (computer == null
                || computer.isBlank()
                || computer.startsWith("(")
                || computer.codePoints().anyMatch(Character::isWhitespace)) {
            return null;
        }
        return Fqdn.of(computer);
    }
}
