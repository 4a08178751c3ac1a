package io.cutover.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentitiesTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    record Holder(SipAddress sip, Fqdn pool, List<Fqdn> servers) {}

    @Test
    void sip_addresses_that_differ_only_in_case_are_equal_and_hash_alike() {
        SipAddress a = SipAddress.of("sip:Ann.O'Neil@Contoso.COM");
        SipAddress b = SipAddress.of("SIP:ann.o'neil@contoso.com");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.compareTo(b)).isZero();
        assertThat(Set.of(a)).contains(b);
        assertThat(a.key()).isEqualTo("sip:ann.o'neil@contoso.com");
        assertThat(a.is("sip:ANN.O'NEIL@CONTOSO.COM")).isTrue();
        assertThat(a.is("sip:ann@contoso.com")).isFalse();
        assertThat(a.is(null)).isFalse();
    }

    @Test
    void a_sip_address_keeps_the_spelling_it_was_given_for_output() {
        assertThat(SipAddress.of("sip:Ann@Contoso.com").text()).isEqualTo("sip:Ann@Contoso.com");
        assertThat(SipAddress.of("sip:Ann@Contoso.com")).hasToString("sip:Ann@Contoso.com");
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "sip:o'neil@contoso.com",
                "sip:\u00e9l\u00e8ve@contoso.com",
                "sip:\u4e2d\u6587@contoso.com",
                "sip:\uD83D\uDE00@contoso.com",
                "sip:a$(Stop-Computer)`;@contoso.com",
                "Sip:\"quoted\"@contoso.com",
                "sip:@contoso.com"
            })
    void a_sip_address_may_hold_whatever_a_directory_lets_through(String text) {
        assertThat(SipAddress.of(text).text()).isEqualTo(text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"alice@contoso.com", "sip:alice", "", "tel:+14255550100", "sip"})
    void a_sip_address_without_the_scheme_or_an_at_sign_is_refused_naming_the_text(String text) {
        assertThatThrownBy(() -> SipAddress.of(text))
                .isInstanceOfSatisfying(
                        CutoverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageContaining("'" + text + "'")
                .hasMessageContaining("sip:alice@contoso.com");
    }

    @Test
    void the_sip_scheme_is_recognised_and_dropped_in_any_case() {
        assertThat(SipAddress.hasScheme("SIP:ann@contoso.com")).isTrue();
        assertThat(SipAddress.hasScheme("ann@contoso.com")).isFalse();
        assertThat(SipAddress.hasScheme(null)).isFalse();
        assertThat(SipAddress.withoutScheme("Sip:Ann@Contoso.com")).isEqualTo("Ann@Contoso.com");
        assertThat(SipAddress.withoutScheme("ann@contoso.com")).isEqualTo("ann@contoso.com");
    }

    @Test
    void a_null_sip_address_is_refused() {
        assertThatThrownBy(() -> SipAddress.of(null))
                .isInstanceOf(CutoverException.class)
                .hasMessageContaining("'null'");
    }

    @Test
    void fqdns_that_differ_only_in_case_are_equal_hash_alike_and_sort_together() {
        Fqdn a = Fqdn.of("Pool01.Contoso.com");
        Fqdn b = Fqdn.of("pool01.contoso.COM");

        assertThat(a).isEqualTo(b).hasSameHashCodeAs(b);
        assertThat(a.key()).isEqualTo("pool01.contoso.com");
        assertThat(a.is("POOL01.CONTOSO.COM")).isTrue();
        assertThat(a.is("pool02.contoso.com")).isFalse();
        assertThat(new TreeSet<>(List.of(Fqdn.of("b.contoso.com"), a, b))).containsExactly(Fqdn.of("B.contoso.com"), a);
        assertThat(a).hasToString("Pool01.Contoso.com");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "pool 01.contoso.com", "pool01.contoso.com\n", "\u00A0pool01", "pool\u000101"})
    void an_fqdn_that_is_blank_or_holds_spaces_or_control_characters_is_refused_naming_the_text(String text) {
        assertThatThrownBy(() -> Fqdn.of(text))
                .isInstanceOfSatisfying(
                        CutoverException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.BAD_INPUT))
                .hasMessageContaining("'" + text + "'");
    }

    @Test
    void the_lenient_comparisons_never_match_null_and_never_throw() {
        assertThat(Fqdn.same(null, null)).isFalse();
        assertThat(Fqdn.same("a.b", null)).isFalse();
        assertThat(Fqdn.same("A.b", "a.B")).isTrue();
        assertThat(SipAddress.same(null, "sip:a@b")).isFalse();
        assertThat(SipAddress.same("not an address", "NOT AN ADDRESS")).isTrue();
        assertThat(Fqdn.key(null)).isEmpty();
        assertThat(SipAddress.key("SIP:A@B")).isEqualTo("sip:a@b");
    }

    @Test
    void json_carries_the_spelling_given_and_reads_it_back_equal() throws Exception {
        Holder h = new Holder(
                SipAddress.of("sip:Ann@Contoso.com"),
                Fqdn.of("Pool01.Contoso.com"),
                List.of(Fqdn.of("FE01.contoso.com"), Fqdn.of("fe02.Contoso.com")));

        String json = JSON.writeValueAsString(h);

        assertThat(JSON.readValue(json, Map.class))
                .containsEntry("sip", "sip:Ann@Contoso.com")
                .containsEntry("pool", "Pool01.Contoso.com")
                .containsEntry("servers", List.of("FE01.contoso.com", "fe02.Contoso.com"));
        Holder back = JSON.readValue(json, Holder.class);
        assertThat(back).isEqualTo(h);
        assertThat(back.sip().text()).isEqualTo("sip:Ann@Contoso.com");
        assertThat(back.pool().text()).isEqualTo("Pool01.Contoso.com");
    }

    @Test
    void json_with_a_bad_identity_is_refused_with_the_identity_named() {
        assertThatThrownBy(() -> JSON.readValue("{\"sip\":\"alice\",\"pool\":\"p\",\"servers\":[]}", Holder.class))
                .hasMessageContaining("'alice' is not a SIP address");
    }
}
