package io.cutover.folder;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cutover.catalog.Catalog;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.SiteKind;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The two real single-site documents, and untrusted XML refused before it can do harm. */
class TopologyReaderTest {
    @TempDir
    Path tmp;

    static Path real(String name) {
        try {
            return Path.of(TopologyReaderTest.class
                    .getResource("/fixtures/real/" + name)
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static TopologyReader.Topology read(Path p) {
        return new TopologyReader(p, Catalog.bundled()).read();
    }

    private static Map<String, Pool> byFqdn(TopologyReader.Topology t) {
        return t.pools().stream().collect(Collectors.toMap(p -> p.fqdn().text(), Function.identity()));
    }

    @Test
    void the_real_published_topology_is_one_central_site_of_skype_for_business_server_2015() {
        TopologyReader.Topology t = read(real("sfb2015-single-site-published.xml"));
        assertThat(t.sites()).containsExactly(new TopologyReader.TopologySite("Tenant", 1, SiteKind.CentralSite));
        Map<String, Pool> pools = byFqdn(t);
        assertThat(pools.get("poolfe.tenant.rlevchenko.com"))
                .isEqualTo(new Pool(
                        Fqdn.of("poolfe.tenant.rlevchenko.com"),
                        "Tenant",
                        PoolRole.FrontEnd,
                        "Skype for Business Server 2015",
                        java.util.List.of(Fqdn.of("SKYPE-FE-01.tenant.rlevchenko.com")),
                        null));
        assertThat(pools.get("srv-sql-01.tenant.rlevchenko.com").role()).isEqualTo(PoolRole.SqlStore);
        assertThat(pools.get("srv-owa-01.tenant.rlevchenko.com").role()).isEqualTo(PoolRole.OfficeWebApps);
        assertThat(pools.values()).extracting(Pool::version).containsOnly("Skype for Business Server 2015");
        assertThat(t.cmsPool()).isEqualTo(Fqdn.of("poolfe.tenant.rlevchenko.com"));
        assertThat(t.poolOfMachine())
                .containsEntry(Fqdn.of("skype-fe-01.tenant.rlevchenko.com"), Fqdn.of("poolfe.tenant.rlevchenko.com"));
    }

    @Test
    void the_real_topology_builder_document_is_one_site_with_a_front_end_pool_an_edge_and_its_next_hop() {
        TopologyReader.Topology t = read(real("sfb2015-contoso-topologybuilder.tbxml"));
        assertThat(t.sites()).containsExactly(new TopologyReader.TopologySite("Contoso", 1, SiteKind.CentralSite));
        Map<String, Pool> pools = byFqdn(t);
        Pool fe = pools.get("frontendpool.contoso.com");
        assertThat(fe.role()).isEqualTo(PoolRole.FrontEnd);
        assertThat(fe.version()).isEqualTo("Skype for Business Server 2015");
        assertThat(fe.servers())
                .extracting(Fqdn::text)
                .contains("xfrontend1.contoso.com", "xfrontend2.contoso.com", "xfrontend3.contoso.com");
        Pool edge = pools.get("edgepool.contoso.com");
        assertThat(edge.role()).isEqualTo(PoolRole.Edge);
        assertThat(edge.nextHop()).isEqualTo(Fqdn.of("frontendpool.contoso.com"));
        assertThat(pools.get("xSQL1.contoso.com").role()).isEqualTo(PoolRole.SqlStore);
        assertThat(pools.values()).extracting(Pool::site).containsOnly("Contoso");
    }

    @Test
    void a_document_with_a_dtd_is_refused_and_its_entities_are_never_expanded() throws IOException {
        Path secret = Files.writeString(tmp.resolve("secret.txt"), "the-secret-text");
        Path p = Files.writeString(
                tmp.resolve("topology.xml"),
                "<?xml version=\"1.0\"?>\n<!DOCTYPE Topology [<!ENTITY s SYSTEM \"" + secret.toUri()
                        + "\">]>\n<Topology xmlns=\"urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008\"><Sites><CentralSite SiteId=\"1\"><Name>&s;</Name></CentralSite></Sites></Topology>\n");
        assertThatThrownBy(() -> read(p))
                .hasMessageStartingWith("topology.xml: line 2: refused: the document declares a DTD")
                .hasMessageNotContaining("the-secret-text");
    }

    @Test
    void a_billion_laughs_document_is_refused_at_its_dtd() throws IOException {
        Path p = Files.writeString(
                tmp.resolve("topology.xml"),
                "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\">"
                        + "<!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\n<Topology>&lol2;</Topology>\n");
        assertThatThrownBy(() -> read(p)).hasMessageContaining("refused: the document declares a DTD");
    }

    @Test
    void a_topology_larger_than_the_cap_is_refused_before_parsing() throws IOException {
        Path p = tmp.resolve("topology.xml");
        try (RandomAccessFile f = new RandomAccessFile(p.toFile(), "rw")) {
            f.setLength(TopologyXml.MAX_BYTES + 1);
        }
        assertThatThrownBy(() -> read(p))
                .hasMessage("topology.xml: " + (TopologyXml.MAX_BYTES + 1) + " bytes, more than the "
                        + TopologyXml.MAX_BYTES + " a topology may have; refused before parsing");
    }

    @Test
    void xml_that_is_not_well_formed_is_refused_with_its_line() throws IOException {
        Path p = Files.writeString(
                tmp.resolve("topology.xml"), "<Topology>\n<Sites>\n</Topology>\n", StandardCharsets.UTF_8);
        assertThatThrownBy(() -> read(p))
                .hasMessageStartingWith("topology.xml: line 3, column")
                .hasMessageContaining("not well-formed XML");
    }

    @Test
    void a_service_version_the_catalog_does_not_know_is_refused_naming_the_cluster() throws IOException {
        Path p = Files.writeString(tmp.resolve("topology.xml"), """
                <Topology xmlns="urn:schema:Microsoft.Rtc.Management.Deploy.Topology.2008">
                  <Sites><CentralSite SiteId="1"><Name>A</Name></CentralSite></Sites>
                  <Clusters><Cluster Fqdn="ocs.contoso.com"><ClusterId SiteId="1" Number="1" /></Cluster></Clusters>
                  <Services><Service ServiceVersion="4"><ServiceId SiteId="1" RoleName="Registrar" Instance="1" />
                    <InstalledOn><ClusterId SiteId="1" Number="1" /></InstalledOn></Service></Services>
                </Topology>
                """);
        assertThatThrownBy(() -> read(p))
                .hasMessageStartingWith(
                        "topology.xml: cluster ocs.contoso.com runs ServiceVersion 4, which the catalog does not know");
    }

    @Test
    void a_site_whose_name_is_empty_or_only_spaces_is_refused_naming_its_site_id() throws IOException {
        String real = Files.readString(real("sfb2015-single-site-published.xml"));
        for (String blank : List.of("", "  \n\t ")) {
            Path p = Files.writeString(
                    tmp.resolve("topology.xml"), real.replace("<Name>Tenant</Name>", "<Name>" + blank + "</Name>"));
            assertThatThrownBy(() -> read(p))
                    .hasMessage("topology.xml: the site with SiteId 1 has an empty <Name>; every site needs a name");
        }
    }

    @Test
    void a_pool_whose_fqdn_is_empty_is_refused() throws IOException {
        String real = Files.readString(real("sfb2015-single-site-published.xml"));
        Path p = Files.writeString(
                tmp.resolve("topology.xml"), real.replace("Fqdn=\"poolfe.tenant.rlevchenko.com\"", "Fqdn=\" \""));
        assertThatThrownBy(() -> read(p))
                .hasMessage("topology.xml: the Fqdn of a <Cluster> is '', not a fully qualified domain name");
    }
}
