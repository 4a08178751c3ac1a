package io.cutover.cli;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.plan.OldClients;
import io.cutover.plan.PlanOptions;
import java.util.List;
import picocli.CommandLine.Option;

/** What the admin chooses when planning. */
final class PlanOptionsMixin {
    @Option(
            names = "--target",
            paramLabel = "VERSION",
            defaultValue = TargetVersions.DEFAULT,
            description = TargetVersions.HELP)
    String target;

    @Option(
            names = "--pilot",
            paramLabel = "N",
            defaultValue = "20",
            description = "Pilot users per legacy pool, test users first, 0 to 10000 (default: ${DEFAULT-VALUE}).")
    int pilot;

    @Option(
            names = "--pilot-users",
            paramLabel = "SIP",
            split = ",",
            description = "An explicit pilot list (comma separated SIP addresses).")
    List<String> pilotUsers;

    @Option(
            names = "--waves",
            paramLabel = "N",
            split = ",",
            defaultValue = "100,250,500,1000",
            description = "Production wave sizes, each 1 to 1000000; the last repeats (default: ${DEFAULT-VALUE}).")
    List<Integer> waves;

    @Option(
            names = "--validation-sample",
            paramLabel = "N",
            defaultValue = "10",
            description = "Users of each wave validated after it, 0 to 10000 (default: ${DEFAULT-VALUE}).")
    int validationSample;

    @Option(
            names = "--old-clients",
            paramLabel = "MODE",
            defaultValue = "hold",
            description = "Users whose last client (clients.csv) cannot sign in to the target: hold (stay on their"
                    + " legacy pool, which is kept; finding CLIENT_NOT_SUPPORTED) or fail (move with their wave,"
                    + " whose validation gate then fails naming them) (default: ${DEFAULT-VALUE}). A client the"
                    + " catalog does not recognise is reported, never held back.")
    OldClients oldClients;

    /** The options; checks every option's range first. */
    PlanOptions options() {
        new OptionRange("--pilot", 0, 10_000).check(pilot);
        new OptionRange("--waves", 1, 1_000_000).checkAll(waves);
        new OptionRange("--validation-sample", 0, 10_000).check(validationSample);
        return new PlanOptions(target, pilot, pilotList(), waves, validationSample).withOldClients(oldClients);
    }

    /** The listed pilots; given but empty (say {@code ,,,,}) is refused, never read as "the default pilots". */
    private List<String> pilotList() {
        if (pilotUsers == null) {
            return List.of();
        }
        List<String> listed = pilotUsers.stream().map(String::strip).toList();
        if (listed.isEmpty() || listed.contains("")) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "--pilot-users has an empty SIP address; list them separated by commas, e.g."
                            + " sip:ann@contoso.com,sip:bob@contoso.com");
        }
        return listed;
    }
}
