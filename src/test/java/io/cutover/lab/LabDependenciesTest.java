package io.cutover.lab;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.catalog.Catalog;
import io.cutover.check.Check;
import io.cutover.check.CheckResult;
import io.cutover.check.CheckRunner;
import io.cutover.deployment.Subject;
import io.cutover.folder.FolderRead;
import io.cutover.folder.FolderReader;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.User;
import io.cutover.rules.Release;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;

/**
 * The lab holds a legacy pool in place while a branch appliance is associated with it, as a real
 * topology does, so that a rehearsal fails where a real run would; re-associating it releases it.
 */
class LabDependenciesTest {
    private static final Fqdn LEGACY = Fqdn.of("lyncpool01.contoso.com");
    private static final Fqdn TARGET = Fqdn.of("sfbpool01.contoso.com");
    private static final Fqdn SBA = Fqdn.of("sba01.contoso.com");

    private static FolderRead branch() throws URISyntaxException {
        Path folder = Path.of(LabDependenciesTest.class
                .getResource("/field/branch-site-sba/inventory")
                .toURI());
        return FolderReader.read(folder, Catalog.bundled());
    }

    private static Lab emptiedTwin(FolderRead read) {
        Lab lab = Lab.inMemoryTwin(
                read.inventory(), read.servicesCollected(), read.unanswered(), "branch", Clock.systemUTC());
        for (User u : read.inventory().usersOn(LEGACY)) {
            lab.move(Subject.user(u.sipAddress()), TARGET);
        }
        lab.move(Subject.cms(), TARGET);
        return lab;
    }

    @Test
    void the_drain_check_and_the_decommission_fail_while_the_appliance_is_associated_with_the_legacy_pool()
            throws URISyntaxException {
        try (Lab lab = emptiedTwin(branch())) {
            CheckResult drain = new CheckRunner(lab, null).evaluate(new Check.Drain(LEGACY));

            assertThat(drain.passed()).isFalse();
            assertThat(drain.failures())
                    .containsExactly("Survivable Branch Appliance sba01.contoso.com is still associated with "
                            + "lyncpool01.contoso.com");
            assertThatThrownBy(() -> lab.decommission(LEGACY))
                    .hasMessageContaining("Survivable Branch Appliance sba01.contoso.com is associated with it");
        }
    }

    @Test
    void re_associating_the_appliance_with_the_new_pool_releases_the_legacy_pool() throws URISyntaxException {
        try (Lab lab = emptiedTwin(branch())) {
            Release reassociate = new Release.Repoint(SBA, PoolRole.SurvivableBranch, LEGACY, TARGET);

            assertThat(lab.perform(reassociate)).isTrue();

            assertThat(reassociate.done(lab.snapshot())).isTrue();
            assertThat(lab.snapshot().pool(SBA).nextHop()).isEqualTo(TARGET);
            assertThat(new CheckRunner(lab, null)
                            .evaluate(new Check.Drain(LEGACY))
                            .passed())
                    .isTrue();
        }
    }

    @Test
    void an_appliance_cannot_be_associated_with_a_pool_that_is_no_registrar() throws URISyntaxException {
        try (Lab lab = emptiedTwin(branch())) {
            Release wrong =
                    new Release.Repoint(SBA, PoolRole.SurvivableBranch, LEGACY, Fqdn.of("sfbedge01.contoso.com"));

            assertThatThrownBy(() -> lab.perform(wrong)).hasMessageContaining("not a registrar");
        }
    }
}
