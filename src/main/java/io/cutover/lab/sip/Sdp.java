package io.cutover.lab.sip;

import java.nio.charset.StandardCharsets;

/** Minimal SDP (RFC 4566) offers and answers: the calls are signalled, no media flows. */
final class Sdp {
    private Sdp() {}

    static String offer(String ip, long session) {
        return "v=0\r\no=- " + session + " 1 IN IP4 " + ip + "\r\ns=-\r\nc=IN IP4 " + ip + "\r\nt=0 0\r\n"
                + "m=audio 9 RTP/AVP 0 8\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\na=sendrecv\r\n";
    }

    /** Answers with the first payload type of the offer's first audio line, or PCMU when there is none. */
    static String answer(String ip, byte[] offer) {
        String pt = "0";
        String text = new String(offer, StandardCharsets.UTF_8);
        for (String line : text.split("\r?\n")) {
            if (line.startsWith("m=audio")) {
                String[] parts = line.trim().split(" ");
                if (parts.length > 3) {
                    pt = parts[3];
                }
                break;
            }
        }
        return "v=0\r\no=- 1 1 IN IP4 " + ip + "\r\ns=-\r\nc=IN IP4 " + ip + "\r\nt=0 0\r\n" + "m=audio 9 RTP/AVP " + pt
                + "\r\na=sendrecv\r\n";
    }

    static boolean isAnswer(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        return text.startsWith("v=0") && text.contains("\nm=audio");
    }
}
