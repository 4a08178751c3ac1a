package io.cutover.lab.sip;

import io.cutover.inventory.Fqdn;

/**
 * The parts of a SIP URI the lab routes on: {@code sip:user@host:port;params}. Taken from a bare
 * URI or from a name-addr ({@code "Name" <sip:...>;tag=...}).
 */
public record SipUri(String user, String host, int port, String params) {
    /** Null when the text holds no sip: URI. */
    public static SipUri parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim();
        int lt = t.indexOf('<');
        if (lt >= 0) {
            int gt = t.indexOf('>', lt);
            if (gt < 0) {
                return null;
            }
            t = t.substring(lt + 1, gt);
        } else {
            // A bare addr-spec in a header: its own parameters end at the first ';' after the host,
            // but header parameters (tag) are not URI parameters.
            int semi = t.indexOf(";tag=");
            if (semi >= 0) {
                t = t.substring(0, semi);
            }
        }
        if (!t.regionMatches(true, 0, "sip:", 0, 4)) {
            return null;
        }
        String rest = t.substring(4);
        String params = "";
        int semi = rest.indexOf(';');
        if (semi >= 0) {
            params = rest.substring(semi);
            rest = rest.substring(0, semi);
        }
        int q = rest.indexOf('?');
        if (q >= 0) {
            rest = rest.substring(0, q);
        }
        String user = null;
        int at = rest.lastIndexOf('@');
        if (at >= 0) {
            user = rest.substring(0, at);
            rest = rest.substring(at + 1);
        }
        int port = -1;
        int colon = rest.lastIndexOf(':');
        if (colon > 0) {
            try {
                port = Integer.parseInt(rest.substring(colon + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            rest = rest.substring(0, colon);
        }
        if (rest.isEmpty()) {
            return null;
        }
        return new SipUri(user, Fqdn.key(rest), port, params);
    }

    /** The address of record, {@code sip:user@host}, as the lab keys users. */
    public String aor() {
        return "sip:" + (user == null ? "" : user + "@") + host;
    }

    public boolean hasParam(String name) {
        return param(name) != null;
    }

    /** A URI parameter's value ("" for a flag), or null. */
    public String param(String name) {
        for (String p : params.split(";")) {
            int eq = p.indexOf('=');
            String n = eq < 0 ? p : p.substring(0, eq);
            if (n.trim().equalsIgnoreCase(name)) {
                return eq < 0 ? "" : p.substring(eq + 1).trim();
            }
        }
        return null;
    }

    /** Whether the URI asks for the XMPP gateway ({@code ;gateway=xmpp}, in any case). */
    public boolean viaXmppGateway() {
        return "xmpp".equalsIgnoreCase(param("gateway"));
    }

    /** The tag parameter of a From or To header, or null. */
    public static String tag(String header) {
        if (header == null) {
            return null;
        }
        int gt = header.lastIndexOf('>');
        String tail = gt >= 0 ? header.substring(gt + 1) : header;
        for (String p : tail.split(";")) {
            String s = p.trim();
            if (s.regionMatches(true, 0, "tag=", 0, 4)) {
                return s.substring(4);
            }
        }
        return null;
    }
}
