package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.plan.Step;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every cmdlet call the product writes, against Microsoft's cmdlet reference
 * (src/test/resources/reference): the shell driver's statements, the runbooks and the collect
 * script, in every shape and for the version whose shell runs them.
 */
class ReferenceFidelityTest {
    private static final String SFB2019 = "Skype for Business Server 2019";
    private final CmdletReference reference = CmdletReference.bundled();

    @Test
    void every_cmdlet_call_of_every_generated_script_fits_the_reference_for_its_version() {
        int invocations = 0;
        List<String> problems = new ArrayList<>();
        List<ScriptShapes.Shape> shapes = ScriptShapes.all();
        for (ScriptShapes.Shape s : shapes) {
            CmdletReference.Report r = reference.check(s.text(), s.version());
            invocations += r.invocations();
            r.problems().forEach(p -> problems.add(s.name() + " (" + s.version() + ") line " + p));
        }
        System.out.printf(
                "reference fidelity: %d scripts, %d invocations checked, %d problems%n",
                shapes.size(), invocations, problems.size());
        assertThat(invocations).isGreaterThan(shapes.size());
        assertThat(problems).as("%d invocations checked", invocations).isEmpty();
    }

    @Test
    void the_shapes_cover_every_step_kind_of_a_plan() {
        assertThat(ScriptShapes.stepKinds())
                .containsExactlyInAnyOrderElementsOf(List.of(Step.class.getPermittedSubclasses()));
    }

    @Test
    void a_parameter_the_cmdlet_does_not_have_is_caught() {
        CmdletReference.Report r = reference.check(
                "Move-CsUser -Identity 'sip:a@contoso.com' -Target 'pool.contoso.com' -Pool 'x' -Confirm:$false",
                SFB2019);

        assertThat(r.invocations()).isEqualTo(1);
        assertThat(r.problems()).extracting(CmdletReference.Problem::what).contains("no parameter -Pool");
    }

    @Test
    void a_missing_mandatory_parameter_is_caught_and_a_parameter_set_is_chosen_by_what_is_given() {
        assertThat(reference.check("Get-CsRgsConfiguration", SFB2019).problems())
                .extracting(CmdletReference.Problem::what)
                .singleElement()
                .asString()
                .contains("needs -Identity");
        assertThat(reference
                        .check("Test-CsIM -SenderSipAddress 'sip:a@x' -ReceiverSipAddress 'sip:b@x'", SFB2019)
                        .problems())
                .extracting(CmdletReference.Problem::what)
                .singleElement()
                .asString()
                .contains("ServerPlatform needs -TargetFqdn");
        assertThat(reference
                        .check("Test-CsIM -TargetFqdn 'p' -SenderSipAddress 'sip:a@x'", SFB2019)
                        .problems())
                .isEmpty();
    }

    @Test
    void a_cmdlet_of_a_later_version_is_caught_unless_guarded_by_get_command() {
        String start = "Start-CsPool -PoolFqdn 'pool.contoso.com' -Confirm:$false";
        assertThat(reference.check(start, "Lync Server 2013").problems())
                .extracting(CmdletReference.Problem::what)
                .anyMatch(p -> p.startsWith("not applicable to Lync Server 2013"));
        assertThat(reference.check(start, SFB2019).problems()).isEmpty();
        assertThat(reference
                        .check(
                                "if (Get-Command -Name Start-CsPool -ErrorAction SilentlyContinue) { " + start + " }",
                                "Lync Server 2013")
                        .problems())
                .isEmpty();
    }

    @Test
    void aliases_prefixes_and_common_parameters_resolve_and_an_ambiguous_prefix_does_not() {
        assertThat(reference
                        .check("Get-CsUser -Ident 'sip:a@x' -ea Stop -ResultSize Unlimited", SFB2019)
                        .problems())
                .isEmpty();
        assertThat(reference
                        .check("Test-CsIM -t 'p' -sa 'sip:a@x' -ra 'sip:b@x'", SFB2019)
                        .problems())
                .isEmpty();
        assertThat(reference
                        .check("Move-CsUser -Identity 'a' -Target 'p' -P", SFB2019)
                        .problems())
                .extracting(CmdletReference.Problem::what)
                .anyMatch(p -> p.contains("is ambiguous"));
    }

    @Test
    void calls_in_undo_comments_and_script_blocks_are_checked_too() {
        CmdletReference.Report r = reference.check(
                "# Undo: Stop-CsPool -PoolFqdn 'p'\r\nInvoke-CutoverAction 'x' -Do { Move-CsRgsConfiguration -Source 'a' -Destination 'b' -Confirm:$false }",
                SFB2019);

        assertThat(r.invocations()).isEqualTo(2);
        assertThat(r.problems())
                .extracting(CmdletReference.Problem::toString)
                .containsExactly(
                        "1: Stop-CsPool: no such cmdlet in the reference (no Stop-CsPool.md) (in a comment)",
                        "2: Move-CsRgsConfiguration: no parameter -Confirm");
    }

    @Test
    void a_credential_parameter_set_fits_only_when_complete() {
        String whole = "Test-CsIM -TargetFqdn 'p' -SenderSipAddress 'sip:a@x' -SenderCredential $a"
                + " -ReceiverSipAddress 'sip:b@x' -ReceiverCredential $b";

        assertThat(reference.check(whole, SFB2019).problems()).isEmpty();
        assertThat(reference
                        .check(whole.replace(" -ReceiverCredential $b", ""), SFB2019)
                        .problems())
                .extracting(CmdletReference.Problem::what)
                .singleElement()
                .asString()
                .contains("ReceiverCredential");
        assertThat(reference
                        .check("Test-CsRegistration -UserSipAddress 'sip:a@x' -UserCredential $a", SFB2019)
                        .problems())
                .isEmpty();
    }
}
