package io.cutover.lab.sip;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * One SIP request or response (RFC 3261 section 7), parsed strictly enough that a server can
 * refuse what it cannot route: a request without Via, Call-ID, CSeq, From or To, a header line
 * or message over the limits, a Content-Length that disagrees with the body. Header names are
 * kept in their long form (compact forms are expanded), in order.
 *
 * <p>Instances are not shared between threads; proxies copy before they change one.
 */
public final class SipMessage {
    /** UDP datagrams bigger than this are not SIP we accept (RFC 3261 section 18.1.1 keeps requests well under). */
    public static final int MAX_MESSAGE = 65_000;
    /** A single header line longer than this is refused with 400: no legitimate lab traffic comes near it. */
    public static final int MAX_HEADER_LINE = 8_192;

    public static final int MAX_HEADERS = 128;

    public record Header(String name, String value) {}

    private final String method;
    private final String uri;
    private final int status;
    private final String reason;
    private final List<Header> headers;
    private byte[] body;

    SipMessage(String method, String uri, int status, String reason, List<Header> headers, byte[] body) {
        this.method = method;
        this.uri = uri;
        this.status = status;
        this.reason = reason;
        this.headers = headers;
        this.body = body;
    }

    public static SipMessage request(String method, String uri) {
        return new SipMessage(method, uri, 0, null, new ArrayList<>(), new byte[0]);
    }

    /** A response to {@code request} copying the headers RFC 3261 section 8.2.6.2 says to copy. */
    public static SipMessage response(SipMessage request, int status, String reason) {
        SipMessage r = new SipMessage(null, null, status, reason, new ArrayList<>(), new byte[0]);
        for (Header h : request.headers) {
            switch (h.name()) {
                case "Via", "From", "To", "Call-ID", "CSeq" -> r.headers.add(h);
                default -> {}
            }
        }
        return r;
    }

    public boolean isRequest() {
        return method != null;
    }

    public String method() {
        return method;
    }

    public String uri() {
        return uri;
    }

    public int status() {
        return status;
    }

    public String reason() {
        return reason;
    }

    public byte[] body() {
        return body;
    }

    public SipMessage body(String contentType, String text) {
        this.body = text.getBytes(StandardCharsets.UTF_8);
        set("Content-Type", contentType);
        return this;
    }

    public List<Header> headers() {
        return headers;
    }

    /** The first value of a header, or null. */
    public String header(String name) {
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                return h.value();
            }
        }
        return null;
    }

    public List<String> all(String name) {
        List<String> values = new ArrayList<>(2);
        for (Header h : headers) {
            if (h.name().equalsIgnoreCase(name)) {
                values.add(h.value());
            }
        }
        return values;
    }

    public SipMessage add(String name, String value) {
        headers.add(new Header(name, value));
        return this;
    }

    /** Puts a header before every other of its name (a proxy's Via, a Route). */
    public SipMessage addFirst(String name, String value) {
        int at = 0;
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).name().equalsIgnoreCase(name)) {
                at = i;
                break;
            }
            at = i + 1;
        }
        headers.add(Math.min(at, headers.size()), new Header(name, value));
        return this;
    }

    /** Replaces every value of a header with one. */
    public SipMessage set(String name, String value) {
        int at = -1;
        for (int i = headers.size() - 1; i >= 0; i--) {
            if (headers.get(i).name().equalsIgnoreCase(name)) {
                headers.remove(i);
                at = i;
            }
        }
        Header h = new Header(name, value);
        if (at < 0) {
            headers.add(h);
        } else {
            headers.add(at, h);
        }
        return this;
    }

    /** Removes the first header of that name and returns its value, or null. */
    public String removeFirst(String name) {
        for (int i = 0; i < headers.size(); i++) {
            if (headers.get(i).name().equalsIgnoreCase(name)) {
                return headers.remove(i).value();
            }
        }
        return null;
    }

    public SipMessage copy() {
        return new SipMessage(method, uri, status, reason, new ArrayList<>(headers), body);
    }

    /** The same request sent to another Request-URI (a proxy retargeting). */
    public SipMessage withUri(String newUri) {
        return new SipMessage(method, newUri, status, reason, new ArrayList<>(headers), body);
    }

    public String callId() {
        return header("Call-ID");
    }

    public Via topVia() {
        String v = header("Via");
        return v == null ? null : Via.parse(v);
    }

    /** The method named in CSeq: for a response, the method of the request it answers. */
    public String cseqMethod() {
        String c = header("CSeq");
        if (c == null) {
            return null;
        }
        int sp = c.trim().indexOf(' ');
        return sp < 0 ? null : c.trim().substring(sp + 1).trim();
    }

    public byte[] encode() {
        StringBuilder sb = new StringBuilder(512 + body.length);
        if (isRequest()) {
            sb.append(method).append(' ').append(uri).append(" SIP/2.0\r\n");
        } else {
            sb.append("SIP/2.0 ").append(status).append(' ').append(reason).append("\r\n");
        }
        for (Header h : headers) {
            if (!h.name().equals("Content-Length")) {
                sb.append(h.name()).append(": ").append(h.value()).append("\r\n");
            }
        }
        sb.append("Content-Length: ").append(body.length).append("\r\n\r\n");
        byte[] head = sb.toString().getBytes(StandardCharsets.UTF_8);
        if (body.length == 0) {
            return head;
        }
        byte[] all = new byte[head.length + body.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(body, 0, all, head.length, body.length);
        return all;
    }

    @Override
    public String toString() {
        return isRequest() ? method + " " + uri : status + " " + reason;
    }

    // ---- parsing ----

    /** Why a message could not be accepted; {@code partial} is what could be read, to answer 400 with. */
    public static final class Malformed extends Exception {
        private final transient SipMessage partial;

        Malformed(String message, SipMessage partial) {
            super(message, null, false, false);
            this.partial = partial;
        }

        /** The request as far as it was read (start line and headers), or null when not even that. */
        public SipMessage partial() {
            return partial;
        }
    }

    /** Parses one whole message (a UDP datagram, or a TCP frame already cut at Content-Length). */
    public static SipMessage parse(byte[] data, int offset, int length) throws Malformed {
        if (length > MAX_MESSAGE) {
            throw new Malformed("message of " + length + " bytes is over the " + MAX_MESSAGE + "-byte limit", null);
        }
        int end = offset + length;
        int headEnd = SipHeaderParser.indexOf(data, offset, end);
        if (headEnd < 0) {
            throw new Malformed("no blank line ends the headers", null);
        }
        String head = new String(data, offset, headEnd - offset, StandardCharsets.UTF_8);
        SipMessage m = SipHeaderParser.parseHead(head);
        int bodyStart = headEnd + 4;
        byte[] body = java.util.Arrays.copyOfRange(data, bodyStart, end);
        String cl = m.header("Content-Length");
        if (cl != null) {
            int n = SipHeaderParser.contentLength(cl, m);
            if (n > body.length) {
                throw new Malformed("Content-Length " + n + " but only " + body.length + " bytes of body", m);
            }
            body = java.util.Arrays.copyOf(body, n);
        }
        m.body = body;
        SipHeaderParser.validate(m);
        return m;
    }
}
