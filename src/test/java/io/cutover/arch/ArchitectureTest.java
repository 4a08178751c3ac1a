package io.cutover.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaMethodCall;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.cutover.deployment.Deployment;
import io.cutover.journal.Journal;
import java.util.Locale;
import java.util.Set;
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
                .resideInAnyPackage(
                        "io.cutover.inventory..", "io.cutover.rules..", "io.cutover.plan..", "io.cutover.assess..")
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
                        "io.cutover.rules..",
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
    void only_the_meters_know_micrometer_and_the_parts_they_watch_do_not_know_the_meters() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.cutover.metrics..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.micrometer..", "io.prometheus..")
                .check(classes);
        // The journal, the shell driver and the deployment offer a watch; the wiring plugs the meters in.
        noClasses()
                .that()
                .resideInAnyPackage(
                        "io.cutover.inventory..",
                        "io.cutover.catalog..",
                        "io.cutover.plan..",
                        "io.cutover.assess..",
                        "io.cutover.check..",
                        "io.cutover.run..",
                        "io.cutover.deployment..",
                        "io.cutover.journal..",
                        "io.cutover.shell..",
                        "io.cutover.lab..",
                        "io.cutover.folder..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("io.cutover.metrics..")
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

    /**
     * The classes that may lower-case text or compare it ignoring case: the two identity types, and
     * classes whose case-blind text is not a SIP address or an FQDN. Anything else compares
     * identities through {@code SipAddress} and {@code Fqdn} (or {@code Site} for site names).
     */
    private static final Set<String> MAY_IGNORE_CASE = Set.of(
            // The identities themselves, and site names, which the topology compares case-blind too.
            "io.cutover.inventory.SipAddress",
            "io.cutover.inventory.Fqdn",
            "io.cutover.inventory.Site",
            // The CMS's one fixed subject id.
            "io.cutover.deployment.Subject",
            // Enum and catalog names read from text or written as lower-case words (JSON, SQL, pages).
            "io.cutover.catalog.Catalog",
            "io.cutover.catalog.Feature",
            // Client product strings ("Microsoft Lync 2010", "UCCAPI/16.0...") and the --old-clients words.
            "io.cutover.catalog.ClientSupport",
            "io.cutover.plan.OldClients",
            "io.cutover.inventory.HomedKind",
            "io.cutover.plan.Phase",
            "io.cutover.assess.Assessment",
            "io.cutover.journal.Journal",
            "io.cutover.report.RunReportHtml",
            "io.cutover.run.StatusReport",
            "io.cutover.metrics.Meters",
            "io.cutover.http.Server",
            "io.cutover.app.Actions",
            "io.cutover.app.RunReports",
            "io.cutover.run.Approval",
            "io.cutover.run.StopSignal",
            // Command-line words: a deployment kind, a typed "yes".
            "io.cutover.cli.ShellOptions",
            "io.cutover.cli.RollbackCommand",
            // CSV column headers, true/false, site types, policy scopes and XML attributes of a folder.
            "io.cutover.csv.CsvReader",
            "io.cutover.folder.FolderReader",
            "io.cutover.folder.TopologyReader",
            // Scenario enum values and operation names of the lab.
            "io.cutover.lab.Fields",
            "io.cutover.lab.Operations",
            // SIP protocol header and parameter names.
            "io.cutover.lab.sip.SipMessage",
            "io.cutover.lab.sip.SipHeaderParser",
            "io.cutover.lab.sip.SipUri",
            "io.cutover.lab.sip.Via",
            // PowerShell words: role names, "Global", "Success", error texts, encodings, runbook headers.
            "io.cutover.shell.SyntheticTransactions",
            "io.cutover.shell.ShellErrors",
            "io.cutover.shell.InventoryParser",
            "io.cutover.shell.ShellSettings",
            "io.cutover.shell.RunbookRecord");

    private static final DescribedPredicate<JavaClass> ALLOWED_TO_IGNORE_CASE =
            DescribedPredicate.describe("allowed to ignore case", c -> MAY_IGNORE_CASE.contains(topLevel(c)));

    private static String topLevel(JavaClass c) {
        String name = c.getName();
        int nested = name.indexOf('$');
        return nested < 0 ? name : name.substring(0, nested);
    }

    @Test
    void no_sip_address_or_fqdn_is_lower_cased_or_compared_ignoring_case_outside_the_identity_types() {
        noClasses()
                .that(DescribedPredicate.not(ALLOWED_TO_IGNORE_CASE))
                .should()
                .callMethod(String.class, "toLowerCase")
                .orShould()
                .callMethod(String.class, "toLowerCase", Locale.class)
                .orShould()
                .callMethod(String.class, "equalsIgnoreCase", String.class)
                .because("SIP addresses and FQDNs compare through SipAddress and Fqdn, normalised in one place")
                .check(classes);
    }

    @Test
    void every_class_allowed_to_ignore_case_still_does_so_the_allowlist_stays_short() {
        Set<String> ignoring = new java.util.TreeSet<>();
        for (JavaClass c : classes) {
            boolean calls = c.getMethodCallsFromSelf().stream()
                    .anyMatch(call -> call.getTargetOwner().isEquivalentTo(String.class)
                            && Set.of("toLowerCase", "equalsIgnoreCase").contains(call.getName()));
            if (calls) {
                ignoring.add(topLevel(c));
            }
        }
        org.assertj.core.api.Assertions.assertThat(ignoring).containsAll(MAY_IGNORE_CASE);
    }

    @Test
    void only_the_run_and_the_journal_write_the_journal() {
        Set<String> writes = Set.of("append", "appendAsync", "startRun", "request", "audit", "auditCounted");
        noClasses()
                .that()
                .resideOutsideOfPackages("io.cutover.run..", "io.cutover.journal..")
                .should()
                .callMethodWhere(DescribedPredicate.describe(
                        "a method of Journal that writes it " + writes,
                        (JavaMethodCall call) ->
                                call.getTargetOwner().isEquivalentTo(Journal.class) && writes.contains(call.getName())))
                .check(classes);
    }

    @Test
    void status_is_computed_from_the_plan_and_the_journal_without_the_deployment() {
        noClasses()
                .that()
                .haveFullyQualifiedName("io.cutover.run.Status")
                .should()
                .dependOnClassesThat()
                .areAssignableTo(Deployment.class)
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
