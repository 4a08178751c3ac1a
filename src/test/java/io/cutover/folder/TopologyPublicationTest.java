package io.cutover.folder;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.assess.Assessment;
import io.cutover.assess.Assessor;
import io.cutover.catalog.Catalog;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A Topology Builder file that was never published is read, and the assessment says what it is. */
class TopologyPublicationTest {
    @TempDir
    Path tmp;

    @Test
    void a_topology_builder_file_marked_never_published_is_unpublished_and_a_published_topology_is_not() {
        assertThat(TopologyPublication.published(TopologyReaderTest.real("sfb2015-contoso-topologybuilder.tbxml")))
                .isFalse();
        assertThat(TopologyPublication.published(TopologyReaderTest.real("sfb2015-single-site-published.xml")))
                .isTrue();
    }

    @Test
    void assessing_a_folder_whose_topology_was_never_published_warns_that_its_pools_may_not_exist() throws IOException {
        Assessment unpublished = assess(folder("tbxml", "sfb2015-contoso-topologybuilder.tbxml"));
        assertThat(unpublished.findings())
                .filteredOn(f -> f.code() == Assessment.FindingCode.TOPOLOGY_NOT_PUBLISHED)
                .singleElement()
                .satisfies(f -> {
                    assertThat(f.severity()).isEqualTo(Assessment.Severity.WARNING);
                    assertThat(f.message()).contains("never published", "Get-CsTopology -AsXml");
                });
        Assessment published = assess(folder("xml", "sfb2015-single-site-published.xml"));
        assertThat(published.findings()).noneMatch(f -> f.code() == Assessment.FindingCode.TOPOLOGY_NOT_PUBLISHED);
    }

    private static Assessment assess(Path folder) {
        Catalog catalog = Catalog.bundled();
        FolderRead read = FolderReader.read(folder, catalog);
        return Assessor.assess(
                read.inventory(),
                catalog,
                catalog.version("Skype for Business Server 2019"),
                read.unanswered(),
                read.unhomed(),
                catalog.reviewed(),
                read.topologyPublished());
    }

    private Path folder(String name, String topology) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(name));
        Files.copy(TopologyReaderTest.real(topology), dir.resolve("topology.xml"));
        Files.writeString(
                dir.resolve("sites.csv"),
                "\"Identity\",\"SiteId\"\r\n\"Site:Contoso\",\"1\"\r\n",
                StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("users.csv"), "\"SipAddress\",\"RegistrarPool\"\r\n", StandardCharsets.UTF_8);
        return dir;
    }
}
