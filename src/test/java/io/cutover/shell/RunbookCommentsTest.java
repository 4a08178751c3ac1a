package io.cutover.shell;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.catalog.Catalog;
import io.cutover.lab.Lab;
import io.cutover.lab.Scenario;
import io.cutover.plan.Plan;
import io.cutover.plan.PlanOptions;
import io.cutover.plan.Planner;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A value put into a runbook comment cannot end the comment nor drive the terminal showing it. */
class RunbookCommentsTest {
    @Test
    void a_site_name_with_a_line_break_stays_inside_its_comment_line() {
        String hostile = "Dublin\\r\\nRemove-CsPool -Identity pool01 #\\e[2J";
        String text = Lab.exampleText()
                .replace("- name: Dublin", "- name: \"" + hostile + "\"")
                .replace("site: Dublin", "site: \"" + hostile + "\"");
        Plan plan;
        try (Lab lab = Lab.inMemory(Scenario.parse(text, "hostile.yaml"), Clock.systemUTC())) {
            plan = Planner.plan(
                    lab.snapshot(),
                    Catalog.bundled(),
                    PlanOptions.defaults("Skype for Business Server Subscription Edition"),
                    "x");
        }
        List<String> lines = Runbook.of(plan, null).stream()
                .flatMap(s -> new String(s.bytes(), StandardCharsets.UTF_8).lines())
                .toList();
        assertThat(lines)
                .anySatisfy(l -> assertThat(l).startsWith("# Point site Dublin\\u000d\\u000aRemove-CsPool -Identity"));
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i - 1).startsWith("#")) {
                assertThat(lines.get(i))
                        .as("the line after " + lines.get(i - 1))
                        .doesNotStartWith("Remove-CsPool");
            }
        }
        assertThat(lines.stream().filter(l -> l.startsWith("#")))
                .noneSatisfy(l -> assertThat(l).contains("\u001b"));
    }
}
