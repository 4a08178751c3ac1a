package io.cutover.catalog;

/**
 * Whether a client may sign in to a server version, and if not, what would.
 *
 * @param client the client as read
 * @param server the server version's name
 * @param status SUPPORTED, NOT_SUPPORTED, or UNKNOWN for a client string no family fits
 * @param needed for NOT_SUPPORTED, the oldest client of the same kind that may sign in, e.g. "Lync
 *     2013 (15.0) or later"; null otherwise
 */
public record ClientVerdict(ClientVersion client, String server, Status status, String needed) {
    public enum Status {
        SUPPORTED,
        NOT_SUPPORTED,
        UNKNOWN
    }

    public boolean blocked() {
        return status == Status.NOT_SUPPORTED;
    }

    /** For people: "Lync 2010 (4.0.7577.4484) cannot sign in to ...; needs Lync 2013 (15.0) or later". */
    public String reason() {
        return switch (status) {
            case SUPPORTED -> client.text() + " may sign in to " + server;
            case UNKNOWN -> "client '" + client.text() + "' is not one the catalog knows";
            case NOT_SUPPORTED -> client.text() + " cannot sign in to " + server + "; needs " + needed;
        };
    }
}
