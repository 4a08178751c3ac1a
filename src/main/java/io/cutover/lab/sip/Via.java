package io.cutover.lab.sip;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One Via value: {@code SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK...;received=...;rport=...}.
 * Responses travel back along the Via headers (RFC 3261 section 18.2.2, RFC 3581 for rport).
 */
public record Via(String transport, String host, int port, Map<String, String> params) {
    public static final String MAGIC = "z9hG4bK";

    /** Null when the value is not a Via. */
    public static Via parse(String value) {
        String v = value.trim();
        if (!v.regionMatches(true, 0, "SIP/2.0/", 0, 8)) {
            return null;
        }
        int sp = v.indexOf(' ', 8);
        if (sp < 0) {
            return null;
        }
        String transport = v.substring(8, sp).trim().toUpperCase(Locale.ROOT);
        String rest = v.substring(sp + 1).trim();
        String[] parts = rest.split(";");
        String sentBy = parts[0].trim();
        String host = sentBy;
        int port = 5060;
        int colon = sentBy.lastIndexOf(':');
        if (colon > 0 && !sentBy.endsWith("]")) {
            host = sentBy.substring(0, colon);
            try {
                port = Integer.parseInt(sentBy.substring(colon + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            if (port < 1 || port > 65535) {
                return null;
            }
        }
        if (host.isEmpty()) {
            return null;
        }
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String p = parts[i].trim();
            if (p.isEmpty()) {
                continue;
            }
            int eq = p.indexOf('=');
            params.put(
                    eq < 0
                            ? p.toLowerCase(Locale.ROOT)
                            : p.substring(0, eq).trim().toLowerCase(Locale.ROOT),
                    eq < 0 ? "" : p.substring(eq + 1).trim());
        }
        return new Via(transport, host, port, params);
    }

    public static String of(String transport, InetSocketAddress at, String branch) {
        return "SIP/2.0/" + transport + " " + at.getAddress().getHostAddress() + ":" + at.getPort() + ";branch="
                + branch + ";rport";
    }

    public String branch() {
        return params.get("branch");
    }

    /** Where a response to this hop goes: received and rport when the hop set them, else sent-by. */
    public InetSocketAddress replyTo() {
        String h = params.getOrDefault("received", host);
        String rport = params.get("rport");
        int p = port;
        if (rport != null && !rport.isEmpty()) {
            try {
                p = Integer.parseInt(rport);
            } catch (NumberFormatException e) {
                p = port;
            }
        }
        return new InetSocketAddress(h, p);
    }

    public boolean sentBy(InetSocketAddress at) {
        return port == at.getPort() && host.equals(at.getAddress().getHostAddress());
    }

    /** This Via as received from {@code source}: received and rport filled in (RFC 3581). */
    public static String stamp(String value, InetSocketAddress source) {
        StringBuilder sb = new StringBuilder();
        boolean rport = false;
        for (String part : value.split(";")) {
            String p = part.trim();
            if (p.equalsIgnoreCase("rport") || p.toLowerCase(Locale.ROOT).startsWith("rport=")) {
                rport = true;
                continue;
            }
            if (p.toLowerCase(Locale.ROOT).startsWith("received=")) {
                continue;
            }
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(p);
        }
        sb.append(";received=").append(source.getAddress().getHostAddress());
        // Always answer to the source port over TCP; over UDP only when the client asked (RFC 3581).
        if (rport || value.toUpperCase(Locale.ROOT).startsWith("SIP/2.0/TCP")) {
            sb.append(";rport=").append(source.getPort());
        }
        return sb.toString();
    }
}
