package io.cutover.lab.sip;

import static io.cutover.lab.sip.SipMessage.MAX_HEADERS;
import static io.cutover.lab.sip.SipMessage.MAX_HEADER_LINE;
import static io.cutover.lab.sip.SipMessage.MAX_MESSAGE;

import io.cutover.lab.sip.SipMessage.Header;
import io.cutover.lab.sip.SipMessage.Malformed;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the head of a SIP message (RFC 3261 section 7: the start line and the header fields, up
 * to the blank line), expanding compact header names to their long form, and checks the headers
 * every request and response must carry. Errors are {@link Malformed}, with the
 * message as far as it was read.
 */
final class SipHeaderParser {
    private SipHeaderParser() {}

    private static final Map<String, String> COMPACT = Map.ofEntries(
            Map.entry("v", "Via"),
            Map.entry("i", "Call-ID"),
            Map.entry("f", "From"),
            Map.entry("t", "To"),
            Map.entry("m", "Contact"),
            Map.entry("l", "Content-Length"),
            Map.entry("c", "Content-Type"),
            Map.entry("o", "Event"),
            Map.entry("k", "Supported"),
            Map.entry("s", "Subject"),
            Map.entry("e", "Content-Encoding"));
    private static final Map<String, String> CANONICAL = Map.ofEntries(
            Map.entry("via", "Via"),
            Map.entry("call-id", "Call-ID"),
            Map.entry("from", "From"),
            Map.entry("to", "To"),
            Map.entry("cseq", "CSeq"),
            Map.entry("contact", "Contact"),
            Map.entry("content-length", "Content-Length"),
            Map.entry("content-type", "Content-Type"),
            Map.entry("max-forwards", "Max-Forwards"),
            Map.entry("expires", "Expires"),
            Map.entry("event", "Event"),
            Map.entry("route", "Route"),
            Map.entry("record-route", "Record-Route"),
            Map.entry("path", "Path"),
            Map.entry("warning", "Warning"),
            Map.entry("subscription-state", "Subscription-State"),
            Map.entry("user-agent", "User-Agent"),
            Map.entry("server", "Server"),
            Map.entry("allow", "Allow"));

    static int contentLength(String value, SipMessage m) throws Malformed {
        try {
            int n = Integer.parseInt(value.trim());
            if (n < 0 || n > MAX_MESSAGE) {
                throw new Malformed("Content-Length " + value.trim() + " is out of range", m);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Malformed("Content-Length '" + value.trim() + "' is not a number", m);
        }
    }

    /** Start line and headers, without the blank line. */
    static SipMessage parseHead(String head) throws Malformed {
        String[] lines = head.split("\r\n", -1);
        String start = lines[0];
        if (start.length() > MAX_HEADER_LINE) {
            throw new Malformed("start line over " + MAX_HEADER_LINE + " bytes", null);
        }
        SipMessage m;
        if (start.startsWith("SIP/2.0 ")) {
            String[] p = start.split(" ", 3);
            int code;
            try {
                code = Integer.parseInt(p[1]);
            } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
                throw new Malformed("bad status line", null);
            }
            if (code < 100 || code > 699) {
                throw new Malformed("status " + code + " out of range", null);
            }
            m = new SipMessage(null, null, code, p.length > 2 ? p[2] : "", new ArrayList<>(), new byte[0]);
        } else {
            String[] p = start.split(" ");
            if (p.length != 3 || !p[2].equals("SIP/2.0") || !isToken(p[0]) || !p[1].contains(":")) {
                throw new Malformed("bad request line", null);
            }
            m = new SipMessage(p[0], p[1], 0, null, new ArrayList<>(), new byte[0]);
        }
        String name = null;
        StringBuilder value = null;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i];
            if (line.length() > MAX_HEADER_LINE) {
                throw new Malformed("header line " + (i + 1) + " is over " + MAX_HEADER_LINE + " bytes", m);
            }
            if (!line.isEmpty() && (line.charAt(0) == ' ' || line.charAt(0) == '\t')) {
                if (value == null) {
                    throw new Malformed("continuation line without a header", m);
                }
                value.append(' ').append(line.trim());
                if (value.length() > MAX_HEADER_LINE) {
                    throw new Malformed("header " + name + " is over " + MAX_HEADER_LINE + " bytes", m);
                }
                continue;
            }
            if (name != null) {
                addParsed(m, name, value.toString());
            }
            int colon = line.indexOf(':');
            if (colon <= 0) {
                throw new Malformed("header line " + (i + 1) + " has no name", m);
            }
            name = canonical(line.substring(0, colon).trim());
            if (!isToken(name)) {
                throw new Malformed("header line " + (i + 1) + " has a bad name", m);
            }
            value = new StringBuilder(line.substring(colon + 1).trim());
            if (m.headers().size() > MAX_HEADERS) {
                throw new Malformed("more than " + MAX_HEADERS + " headers", m);
            }
        }
        if (name != null) {
            addParsed(m, name, value.toString());
        }
        return m;
    }

    private static void addParsed(SipMessage m, String name, String value) {
        if (name.equals("Via")) {
            // Several Via values may share one line, comma-separated (RFC 3261 section 7.3.1).
            for (String v : value.split(",")) {
                if (!v.isBlank()) {
                    m.headers().add(new Header(name, v.trim()));
                }
            }
        } else {
            m.headers().add(new Header(name, value));
        }
    }

    static void validate(SipMessage m) throws Malformed {
        for (String required : List.of("Via", "Call-ID", "CSeq", "From", "To")) {
            String v = m.header(required);
            if (v == null || v.isBlank()) {
                throw new Malformed("missing " + required + " header", m);
            }
        }
        Via via = Via.parse(m.header("Via"));
        if (via == null) {
            throw new Malformed("unreadable Via header", m);
        }
        String[] cseq = m.header("CSeq").trim().split("\\s+");
        if (cseq.length != 2 || !cseq[0].chars().allMatch(Character::isDigit) || cseq[0].length() > 10) {
            throw new Malformed("bad CSeq '" + m.header("CSeq") + "'", m);
        }
        if (m.isRequest() && !cseq[1].equals(m.method())) {
            throw new Malformed("CSeq method " + cseq[1] + " does not match the request method " + m.method(), m);
        }
        String mf = m.header("Max-Forwards");
        if (mf != null && !mf.trim().matches("\\d{1,3}")) {
            throw new Malformed("bad Max-Forwards '" + mf + "'", m);
        }
    }

    private static String canonical(String name) {
        String lower = name.toLowerCase(Locale.ROOT);
        String c = COMPACT.get(lower);
        if (c != null) {
            return c;
        }
        c = CANONICAL.get(lower);
        return c != null ? c : name;
    }

    private static boolean isToken(String s) {
        if (s.isEmpty()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            if (ch <= ' ' || ch >= 127 || "()<>@,;:\\\"/[]?={}".indexOf(ch) >= 0) {
                return false;
            }
        }
        return true;
    }

    /** Where CRLF CRLF starts, or -1. */
    static int indexOf(byte[] d, int from, int to) {
        for (int i = from; i + 3 < to; i++) {
            if (d[i] == '\r' && d[i + 1] == '\n' && d[i + 2] == '\r' && d[i + 3] == '\n') {
                return i;
            }
        }
        return -1;
    }

    /**
     * The index of the first byte from {@code from} that is not a line break (nor, if asked, a
     * space): where a message starts after keep-alive blank lines (RFC 5626 section 3.5.1).
     */
    static int skipBlankLines(byte[] b, int from, int to, boolean spaces) {
        int i = from;
        while (i < to && (b[i] == '\r' || b[i] == '\n' || (spaces && b[i] == ' '))) {
            i++;
        }
        return i;
    }
}
