package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.catalog.Catalog;
import io.cutover.lab.Lab;
import io.cutover.lab.Scenario;
import io.cutover.plan.OldClients;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Planner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A wave gate that checks clients fails in the runbook on the clients the plan was made with. */
class RunbookClientsTest {
    @Test
    void a_wave_gate_checking_clients_fails_in_the_runbook_naming_each_user_and_client() {
        String lync2013 = "        - {version: \"Lync 2013 (15.0.5023.1000)\", every: 4}\n";
        String text = Lab.exampleText()
                .replace(
                        lync2013,
                        lync2013 + "        - {version: \"Lync 2010 (4.0.7577.4484)\", every: 100, from: 150}\n");
        Plan plan;
        try (Lab lab = Lab.inMemory(Scenario.parse(text, "clients.yaml"), Clock.systemUTC())) {
            plan = Planner.plan(
                    lab.snapshot(),
                    Catalog.bundled(),
                    PlanOptions.defaults("SE").withOldClients(OldClients.FAIL),
                    "x");
        }
        List<String> lines = Runbook.of(plan, null).stream()
                .flatMap(s -> new String(s.bytes(), StandardCharsets.UTF_8).lines())
                .toList();

        // Each of the nine users once per gate (a later script checks the last gate again as its precondition).
        assertThat(lines.stream()
                        .filter(l -> l.contains("CLIENT_NOT_SUPPORTED"))
                        .distinct())
                .hasSize(9)
                .contains("$failures += @('sip:dublin0150@contoso.com: CLIENT_NOT_SUPPORTED: last client Lync 2010"
                        + " (4.0.7577.4484) cannot sign in to Skype for Business Server Subscription Edition"
                        + " (clients.csv when planning: collect it again and plan again once upgraded)')");
    }
}
