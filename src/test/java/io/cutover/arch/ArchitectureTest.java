package io.cutover.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The house rules that keep the core pure and the seams where they belong. */
class ArchitectureTest {
    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("io.cutover");
    }

    @Test
    void the_pure_core_does_no_io_reads_no_clock_uses_no_randomness_and_logs_nothing() {
        noClasses()
                .that()
                .resideInAnyPackage("io.cutover.inventory..", "io.cutover.plan..", "io.cutover.assess..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.io..", "java.nio.file..", "java.net..", "java.sql..", "org.slf4j..", "org.jdbi..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.time.Clock")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.util.Random")
                .orShould()
                .callMethod(System.class, "currentTimeMillis")
                .orShould()
                .callMethod(System.class, "nanoTime")
                .orShould()
                .callMethod(java.time.Instant.class, "now")
                .check(classes);
    }

    @Test
    void the_core_does_not_know_the_lab_the_journal_or_the_command_line() {
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.cutover.inventory..",
                        "io.cutover.catalog..",
                        "io.cutover.plan..",
                        "io.cutover.check..",
                        "io.cutover.run..",
                        "io.cutover.deployment..",
                        "io.cutover.assess..",
                        "io.cutover.folder..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.cutover.lab..", "io.cutover.cli..", "io.cutover.app..")
                .check(classes);
        // Reports render the facade's result records, as the command line and the API do.
        noClasses()
                .that()
                .resideInAPackage("io.cutover.report..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.cutover.lab..", "io.cutover.cli..", "io.cutover.http..")
                .check(classes);
    }

    @Test
    void csv_reading_and_writing_knows_nothing_of_the_product_but_its_error() {
        noClasses()
                .that()
                .resideInAPackage("io.cutover.csv..")
                .should()
                .dependOnClassesThat()
                .resideOutsideOfPackages("io.cutover", "io.cutover.csv..", "java..")
                .check(classes);
    }

    @Test
    void the_assessment_reads_no_folder_and_renders_no_page() {
        noClasses()
                .that()
                .resideInAnyPackage("io.cutover.assess..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.cutover.folder..", "io.cutover.report..", "javax.xml..")
                .check(classes);
    }

    @Test
    void the_sip_servers_know_the_deployment_only_through_their_directory() {
        noClasses()
                .that()
                .resideInAPackage("io.cutover.lab.sip..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.cutover.lab",
                        "io.cutover.app..",
                        "io.cutover.cli..",
                        "io.cutover.run..",
                        "io.cutover.journal..",
                        "io.cutover.plan..",
                        "io.cutover.check..")
                .check(classes);
    }

    @Test
    void sip_stays_inside_the_lab() {
        noClasses()
                .that()
                .resideOutsideOfPackages("io.cutover.lab..", "io.cutover.app..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.cutover.lab.sip..")
                .check(classes);
    }

    @Test
    void the_shell_driver_knows_the_deployment_port_but_not_the_lab_the_facade_or_the_command_line() {
        noClasses()
                .that()
                .resideInAPackage("io.cutover.shell..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.cutover.lab..", "io.cutover.cli..", "io.cutover.app..", "io.cutover.run..")
                .check(classes);
    }

    @Test
    void only_the_command_line_uses_picocli() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.cutover.cli..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("picocli..")
                .check(classes);
    }

    @Test
    void only_the_control_room_uses_javalin_and_no_core_package_knows_the_control_room_or_the_reports() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.cutover.http..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.javalin..")
                .check(classes);
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.cutover.inventory..",
                        "io.cutover.catalog..",
                        "io.cutover.plan..",
                        "io.cutover.check..",
                        "io.cutover.run..",
                        "io.cutover.deployment..",
                        "io.cutover.journal..",
                        "io.cutover.lab..",
                        "io.cutover.app..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.cutover.http..", "io.cutover.report..")
                .check(classes);
    }

    @Test
    void run_reports_render_data_to_text_without_io_clock_or_logging() {
        noClasses()
                .that()
                .resideInAPackage("io.cutover.report..")
                .and()
                .haveSimpleNameStartingWith("RunReport")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "java.io..", "java.nio.file..", "java.net..", "java.sql..", "org.slf4j..", "org.jdbi..")
                .orShould()
                .dependOnClassesThat()
                .haveFullyQualifiedName("java.time.Clock")
                .orShould()
                .callMethod(java.time.Instant.class, "now")
                .check(classes);
    }

    @Test
    void no_class_is_named_manager_helper_util_or_impl() {
        noClasses()
                .should()
                .haveSimpleNameEndingWith("Manager")
                .orShould()
                .haveSimpleNameEndingWith("Helper")
                .orShould()
                .haveSimpleNameEndingWith("Util")
                .orShould()
                .haveSimpleNameEndingWith("Utils")
                .orShould()
                .haveSimpleNameEndingWith("Impl")
                .check(classes);
    }
}
