package io.cutover.cli;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

@Command(
        name = "collect-script",
        mixinStandardHelpOptions = true,
        description =
                "Print the PowerShell script that writes a real deployment's inventory folder. Run it in the Skype for Business "
                        + "Server Management Shell on a Front End server: `.\\collect.ps1 -Path C:\\cutover\\inventory`. It only reads (Get-Cs* cmdlets).")
final class CollectScriptCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter w = spec.commandLine().getOut();
        w.print(io.cutover.folder.CollectScript.text());
        w.flush();
        return 0;
    }
}
