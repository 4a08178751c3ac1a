package io.cutover.lab.sip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SipMessageTest {
    private static final String REGISTER = "REGISTER sip:contoso.com SIP/2.0\r\n"
            + "v: SIP/2.0/UDP 127.0.0.1:5070;branch=z9hG4bK1;rport, SIP/2.0/TCP 10.0.0.1:5061;branch=z9hG4bK0\r\n"
            + "Max-Forwards: 70\r\nf: <sip:alice@contoso.com>;tag=a\r\nt: <sip:alice@contoso.com>\r\ni: call-1\r\n"
            + "CSeq: 1 REGISTER\r\nm: <sip:alice@127.0.0.1:5070>;expires=60\r\n"
            + "Subject: a long\r\n  folded value\r\nl: 0\r\n\r\n";

    private static SipMessage parse(String text) throws SipMessage.Malformed {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return SipMessage.parse(b, 0, b.length);
    }

    @Test
    void compact_headers_are_expanded_and_vias_on_one_line_are_split() throws Exception {
        SipMessage m = parse(REGISTER);

        assertThat(m.method()).isEqualTo("REGISTER");
        assertThat(m.callId()).isEqualTo("call-1");
        assertThat(m.all("Via")).hasSize(2);
        assertThat(m.topVia().branch()).isEqualTo("z9hG4bK1");
        assertThat(m.topVia().replyTo().getPort()).isEqualTo(5070);
        assertThat(m.header("Contact")).isEqualTo("<sip:alice@127.0.0.1:5070>;expires=60");
        assertThat(m.header("Subject")).isEqualTo("a long folded value");
        assertThat(m.cseqMethod()).isEqualTo("REGISTER");
    }

    @Test
    void a_message_survives_encoding_and_parsing_again() throws Exception {
        SipMessage m = parse(REGISTER).body("text/plain", "héllo");
        byte[] encoded = m.encode();
        SipMessage again = SipMessage.parse(encoded, 0, encoded.length);

        assertThat(new String(again.body(), StandardCharsets.UTF_8)).isEqualTo("héllo");
        assertThat(again.header("Content-Length"))
                .isEqualTo(Integer.toString("héllo".getBytes(StandardCharsets.UTF_8).length));
        assertThat(again.all("Via")).isEqualTo(m.all("Via"));
    }

    @Test
    void a_request_missing_a_mandatory_header_is_refused_with_what_was_read() {
        for (String header : new String[] {"v: ", "i: ", "CSeq: ", "f: ", "t: "}) {
            String text = REGISTER.lines()
                            .filter(l -> !l.startsWith(header) && !l.isEmpty())
                            .reduce("", (a, l) -> a + l + "\r\n")
                    + "\r\n";
            assertThatThrownBy(() -> parse(text))
                    .as(header)
                    .isInstanceOf(SipMessage.Malformed.class)
                    .hasMessageStartingWith("missing ")
                    .satisfies(
                            e -> assertThat(((SipMessage.Malformed) e).partial().method())
                                    .isEqualTo("REGISTER"));
        }
    }

    @Test
    void bad_cseq_content_length_start_line_and_oversized_headers_are_refused() {
        assertThatThrownBy(() -> parse(REGISTER.replace("CSeq: 1 REGISTER", "CSeq: 1 INVITE")))
                .hasMessageContaining("does not match the request method");
        assertThatThrownBy(() -> parse(REGISTER.replace("l: 0", "l: 10"))).hasMessageContaining("only 0 bytes of body");
        assertThatThrownBy(() -> parse(REGISTER.replace("l: 0", "l: -1"))).hasMessageContaining("out of range");
        assertThatThrownBy(() -> parse("HELLO\r\n\r\n")).hasMessage("bad request line");
        assertThatThrownBy(() ->
                        parse(REGISTER.replace("Max-Forwards: 70", "X-Big: " + "a".repeat(SipMessage.MAX_HEADER_LINE))))
                .hasMessageContaining("is over " + SipMessage.MAX_HEADER_LINE + " bytes");
        assertThatThrownBy(() -> parse(REGISTER.replace("\r\n\r\n", "\r\n")))
                .hasMessage("no blank line ends the headers");
    }

    @Test
    void a_proxy_stamps_received_and_rport_on_the_previous_hop() {
        InetSocketAddress source = new InetSocketAddress("127.0.0.1", 40000);
        Via v = Via.parse(Via.stamp("SIP/2.0/UDP 10.1.1.1:5060;branch=z9hG4bKx;rport", source));

        assertThat(v.params()).containsEntry("received", "127.0.0.1").containsEntry("rport", "40000");
        assertThat(v.replyTo()).isEqualTo(source);
        assertThat(Via.parse(Via.stamp("SIP/2.0/UDP 10.1.1.1:5060;branch=z9hG4bKx", source))
                        .replyTo()
                        .getPort())
                .as("no rport asked: the sent-by port")
                .isEqualTo(5060);
    }

    @Test
    void sip_uris_give_user_host_port_and_parameters() {
        SipUri u = SipUri.parse("\"Bob\" <sip:bob@Contoso.com;gruu;opaque=app:conf:focus:id:AB12>;tag=9");

        assertThat(u.aor()).isEqualTo("sip:bob@contoso.com");
        assertThat(u.param("opaque")).isEqualTo("app:conf:focus:id:AB12");
        assertThat(SipUri.tag("\"Bob\" <sip:bob@contoso.com>;tag=9")).isEqualTo("9");
        assertThat(SipUri.parse("sip:127.0.0.1:5070").port()).isEqualTo(5070);
        assertThat(SipUri.parse("tel:+15551234")).isNull();
    }
}
