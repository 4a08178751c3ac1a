package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.CutoverException;
import io.cutover.inventory.Fqdn;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SessionFramesTest {
    private static final String NONCE = "0123456789abcdef";

    @Test
    void the_bootstrap_line_names_its_nonce_and_a_script_does_not_pass_for_a_bootstrap() {
        String line = SessionFrames.bootstrap(NONCE);

        assertThat(line).doesNotContain("\n");
        assertThat(SessionFrames.nonceOf(line)).contains(NONCE);
        assertThat(SessionFrames.nonceOf(ScriptRunner.script(List.of("Get-CsSite"))))
                .isEmpty();
    }

    @Test
    void a_request_is_read_back_by_its_sequence_number_and_a_marker_of_another_number_does_not_end_it() {
        List<String> lines = SessionFrames.request(42, "try { Get-CsSite } catch { }\n")
                .lines()
                .toList();

        assertThat(lines).hasSize(3);
        assertThat(SessionFrames.requestBegin(lines.get(0))).isEqualTo(42);
        assertThat(SessionFrames.requestBegin(lines.get(1))).isEqualTo(-1);
        assertThat(SessionFrames.requestEnd(lines.get(2), 42)).isTrue();
        assertThat(SessionFrames.requestEnd(lines.get(2), 41)).isFalse();
    }

    @Test
    void only_markers_with_the_sessions_nonce_are_markers_and_anything_else_is_other_text() {
        assertThat(SessionFrames.parse(NONCE, SessionFrames.readyLine(NONCE)))
                .isInstanceOf(SessionFrames.Line.Ready.class);
        assertThat(SessionFrames.parse(NONCE, SessionFrames.beginLine(NONCE, 7)))
                .isEqualTo(new SessionFrames.Line.Begin(7));
        assertThat(SessionFrames.parse(NONCE, SessionFrames.endLine(NONCE, 7)))
                .isEqualTo(new SessionFrames.Line.End(7));
        // Another session's marker, a request echoed back, module noise: text, never a marker.
        assertThat(SessionFrames.parse(NONCE, SessionFrames.endLine("fedcba9876543210", 7)))
                .isInstanceOf(SessionFrames.Line.Other.class);
        assertThat(SessionFrames.parse(NONCE, "<<cutover 7 end>>")).isInstanceOf(SessionFrames.Line.Other.class);
        assertThat(SessionFrames.parse(NONCE, "WARNING: unapproved verbs"))
                .isInstanceOf(SessionFrames.Line.Other.class);
        // Our nonce in a form we never write: the session is confused, which is out of frame.
        assertThat(SessionFrames.parse(NONCE, "<<cutover " + NONCE + " 7 middle>>"))
                .isEqualTo(new SessionFrames.Line.Begin(-1));
    }

    @Test
    void a_session_option_is_name_equals_command_and_serves_its_pools_or_any() {
        SessionSpec s = SessionSpec.parse("fe1=ssh admin@fe01 \"powershell.exe -Command -\"", 1);

        assertThat(s.name()).isEqualTo("fe1");
        assertThat(s.command()).containsExactly("ssh", "admin@fe01", "powershell.exe -Command -");
        assertThat(s.serves(Fqdn.of("pool.contoso.com"))).isTrue();
        SessionSpec only = s.withPools(Set.of(Fqdn.of("pool.contoso.com")));
        assertThat(only.serves(Fqdn.of("POOL.contoso.com"))).isTrue();
        assertThat(only.serves(Fqdn.of("other.contoso.com"))).isFalse();
        assertThat(only.serves(null)).isTrue();
        assertThatThrownBy(() -> SessionSpec.parse("no-command", 1)).isInstanceOf(CutoverException.class);
        assertThatThrownBy(() -> SessionSpec.parse("bad name=cmd", 1)).isInstanceOf(CutoverException.class);
        assertThatThrownBy(() -> s.withConcurrency(65)).isInstanceOf(CutoverException.class);
    }
}
