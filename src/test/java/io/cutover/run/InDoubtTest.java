package io.cutover.run;

import static io.cutover.run.SmallPlan.DECOMMISSION;
import static io.cutover.run.SmallPlan.DEPLOY;
import static io.cutover.run.SmallPlan.GATE;
import static io.cutover.run.SmallPlan.PILOT;
import static io.cutover.run.SmallPlan.ROUTE;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.deployment.Deployment;
import io.cutover.deployment.PoolState;
import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeResult;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Policies;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.Site;
import io.cutover.inventory.SiteKind;
import io.cutover.journal.Entry;
import io.cutover.journal.Outcome;
import io.cutover.journal.Progress;
import io.cutover.plan.Move;
import io.cutover.plan.Step;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class InDoubtTest {
    private static final Instant AT = Instant.parse("2026-01-02T00:00:00Z");
    private static final Move ANN = PILOT.moves().get(0);

    /** Answers where subjects are, what state pools are in and where the site federates; nothing else. */
    private static final class Answers implements Deployment {
        @Override
        public List<io.cutover.deployment.UserState> userStates(List<io.cutover.inventory.SipAddress> users) {
            return List.of();
        }

        @Override
        public void restore(io.cutover.deployment.UserState before) {}

        final Map<Subject, String> homes = new HashMap<>();
        final Map<Fqdn, PoolState> pools = new HashMap<>();
        String route = "edge01.contoso.com";

        @Override
        public String name() {
            return "answers";
        }

        @Override
        public Inventory snapshot() {
            Site site = new Site(SmallPlan.SITE, 1, SiteKind.CentralSite, Fqdn.of(route), null);
            return new Inventory(
                    List.of(site),
                    List.of(),
                    null,
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    List.of(),
                    new Policies(Map.of(), Map.of()),
                    List.of());
        }

        @Override
        public Optional<Fqdn> homeOf(Subject subject) {
            return Optional.ofNullable(homes.get(subject)).map(Fqdn::of);
        }

        @Override
        public void move(Subject subject, Fqdn targetPool) {
            throw new UnsupportedOperationException("settling never moves");
        }

        @Override
        public void setFederationRoute(String site, Fqdn edgeFqdn) {
            throw new UnsupportedOperationException("settling never routes");
        }

        @Override
        public PoolState poolState(Fqdn fqdn) {
            return pools.getOrDefault(fqdn, PoolState.NotDeployed);
        }

        @Override
        public void deploy(Fqdn fqdn) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void decommission(Fqdn fqdn) {
            throw new UnsupportedOperationException();
        }

        @Override
        public List<ServiceState> services(Fqdn pool) {
            return List.of();
        }

        @Override
        public List<Replica> replication() {
            return List.of();
        }

        @Override
        public ProbeResult probe(Probe probe) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void close() {}
    }

    private static Progress.Status inDoubt(Step step, String item) {
        return Progress.of(SmallPlan.rows().inDoubt(step, item).list()).status(step.id(), item);
    }

    @Test
    void a_move_found_on_its_target_is_closed_as_done() {
        Answers d = new Answers();
        d.homes.put(ANN.subject(), SmallPlan.NEW.toUpperCase(java.util.Locale.ROOT));

        Entry end = InDoubt.settleMove(d, inDoubt(PILOT, ANN.item()), ANN, AT);

        assertThat(end.outcome()).isEqualTo(Outcome.OK);
        assertThat(end.detail()).contains("after an interruption");
        assertThat(end.attempt()).isEqualTo(1);
        assertThat(end.at()).isEqualTo(AT);
    }

    @ParameterizedTest(name = "home: {0}")
    @ValueSource(strings = {SmallPlan.OLD, "elsewhere.contoso.com", ""})
    void a_move_not_found_on_its_target_is_closed_for_another_attempt(String home) {
        Answers d = new Answers();
        if (!home.isEmpty()) {
            d.homes.put(ANN.subject(), home);
        }

        Entry end = InDoubt.settleMove(d, inDoubt(PILOT, ANN.item()), ANN, AT);

        assertThat(end.outcome()).isEqualTo(Outcome.RETRY);
        assertThat(end.detail()).contains(home.isEmpty() ? "an unknown pool" : home);
    }

    @Test
    void a_step_is_closed_as_done_only_when_its_effect_is_in_place() {
        Answers d = new Answers();
        assertThat(InDoubt.settleStep(d, inDoubt(DEPLOY, null), DEPLOY, AT).outcome())
                .isEqualTo(Outcome.RETRY);
        assertThat(InDoubt.settleStep(d, inDoubt(ROUTE, null), ROUTE, AT).outcome())
                .isEqualTo(Outcome.RETRY);
        assertThat(InDoubt.settleStep(d, inDoubt(DECOMMISSION, null), DECOMMISSION, AT)
                        .outcome())
                .isEqualTo(Outcome.RETRY);

        d.pools.put(Fqdn.of(SmallPlan.NEW), PoolState.Up);
        d.pools.put(Fqdn.of(SmallPlan.OLD), PoolState.Decommissioned);
        d.route = ROUTE.to().text();

        assertThat(InDoubt.settleStep(d, inDoubt(DEPLOY, null), DEPLOY, AT).outcome())
                .isEqualTo(Outcome.OK);
        assertThat(InDoubt.settleStep(d, inDoubt(ROUTE, null), ROUTE, AT).outcome())
                .isEqualTo(Outcome.OK);
        assertThat(InDoubt.settleStep(d, inDoubt(DECOMMISSION, null), DECOMMISSION, AT)
                        .outcome())
                .isEqualTo(Outcome.OK);
    }

    @Test
    void a_gate_has_no_effect_to_find_and_is_evaluated_again() {
        assertThat(InDoubt.settleStep(new Answers(), inDoubt(GATE, null), GATE, AT)
                        .outcome())
                .isEqualTo(Outcome.RETRY);
    }
}
