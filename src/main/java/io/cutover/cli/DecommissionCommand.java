package io.cutover.cli;

import io.cutover.app.Results;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "decommission",
        mixinStandardHelpOptions = true,
        description = "Run the drain check on a legacy pool and, if it is empty, deactivate it. There is no way back.")
final class DecommissionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    Common common;

    @Parameters(index = "0", paramLabel = "POOL", description = "The pool FQDN.")
    String pool;

    @Override
    public Integer call() {
        Results.DecommissionResult r = common.facade().decommission(pool);
        var w = spec.commandLine().getOut();
        if (common.json) {
            Printer.json(w, r);
        } else {
            w.println(
                    r.alreadyDecommissioned()
                            ? r.pool() + " was already decommissioned"
                            : r.pool() + " passed its drain check and is decommissioned");
        }
        w.flush();
        return 0;
    }
}
