package io.cutover.lab;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.catalog.Catalog;
import io.cutover.deployment.PoolState;
import io.cutover.folder.FolderRead;
import io.cutover.folder.FolderReader;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServiceState;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A lab built from an inventory folder behaves as the folder says the deployment is. */
class TwinTest {
    private static FolderRead fixture(String name) {
        try {
            return FolderReader.read(
                    Path.of(TwinTest.class
                            .getResource("/fixtures/folders/" + name)
                            .toURI()),
                    Catalog.bundled());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void a_service_the_folder_reports_stopped_is_stopped_in_the_twin_and_a_stale_replica_is_stale() {
        FolderRead read = fixture("stale-and-stopped");
        try (Lab twin = Lab.inMemoryTwin(
                read.inventory(),
                read.servicesCollected(),
                read.unanswered(),
                "stale-and-stopped",
                Clock.systemUTC())) {
            Inventory now = twin.snapshot();
            assertThat(now.services())
                    .filteredOn(s -> !s.running())
                    .extracting(s -> s.computer().text(), ServiceState::name)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("par15-fe2.contoso.com", "RTCSRV"));
            assertThat(now.replicas())
                    .filteredOn(r -> !r.upToDate())
                    .extracting(r -> r.fqdn().text())
                    .containsExactlyInAnyOrder("ber15-fe1.contoso.com", "ber19-fe1.contoso.com");
            assertThat(now.users()).isEqualTo(read.inventory().users());
            assertThat(twin.summary().faults()).hasSize(1);
        }
    }

    @Test
    void pools_whose_servers_reported_no_service_are_not_installed_yet_and_without_services_csv_every_pool_is_up() {
        FolderRead read = fixture("stale-and-stopped");
        try (Lab twin = Lab.inMemoryTwin(
                read.inventory(), read.servicesCollected(), read.unanswered(), "x", Clock.systemUTC())) {
            assertThat(twin.poolState(Fqdn.of("pool19-ber.contoso.com"))).isEqualTo(PoolState.Up);
        }
        FolderRead noServices = fixture("lync2010-beside-2013");
        assertThat(noServices.servicesCollected()).isFalse();
        try (Lab twin = Lab.inMemoryTwin(noServices.inventory(), false, List.of(), "x", Clock.systemUTC())) {
            assertThat(twin.snapshot().pools())
                    .allSatisfy(p -> assertThat(twin.poolState(p.fqdn())).isEqualTo(PoolState.Up));
        }
        FolderRead clean = fixture("clean");
        try (Lab twin = Lab.inMemoryTwin(
                clean.inventory(), clean.servicesCollected(), clean.unanswered(), "x", Clock.systemUTC())) {
            // The clean folder lists neither a service nor a replica for its Edge servers: not installed yet.
            assertThat(twin.poolState(Fqdn.of("edge13-red.contoso.com"))).isEqualTo(PoolState.NotDeployed);
            assertThat(twin.poolState(Fqdn.of("pool13-red.contoso.com"))).isEqualTo(PoolState.Up);
        }
        Inventory c = clean.inventory();
        java.util.List<Replica> replicas = new java.util.ArrayList<>(c.replicas());
        replicas.add(new Replica(Fqdn.of("red13-edge1.contoso.com"), true));
        Inventory withEdgeReplica = new Inventory(
                c.sites(),
                c.pools(),
                c.cmsPool(),
                c.users(),
                c.objects(),
                c.meetings(),
                c.clients(),
                c.services(),
                replicas,
                c.policies(),
                c.partners());
        try (Lab twin = Lab.inMemoryTwin(withEdgeReplica, true, List.of(), "x", Clock.systemUTC())) {
            // An up-to-date replica proves the Edge server is installed though its services were not collected.
            assertThat(twin.poolState(Fqdn.of("edge13-red.contoso.com"))).isEqualTo(PoolState.Up);
        }
    }
}
