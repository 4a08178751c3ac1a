package io.cutover.cli;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.journal.PasswordFile;
import io.cutover.journal.Store;
import io.cutover.journal.StoreCopy;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(
        name = "store",
        mixinStandardHelpOptions = true,
        description = "The journal's store.",
        subcommands = {StoreCommand.Copy.class})
final class StoreCommand {
    @Command(
            name = "copy",
            mixinStandardHelpOptions = true,
            description = "Copy the workspace's journal (SQLite or PostgreSQL) into another, empty store, and check"
                    + " every table's row count and checksum on both sides. Refused while a run holds the journal."
                    + " The workspace keeps its store; give --store to move it to the copy.")
    static final class Copy implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Mixin
        Common common;

        @Option(
                names = "--to",
                required = true,
                paramLabel = "STORE",
                description = "A PostgreSQL JDBC URL (jdbc:postgresql://host:5432/db?user=NAME), or a SQLite file.")
        String to;

        @Option(
                names = "--to-password-file",
                paramLabel = "FILE",
                description = "The target PostgreSQL store's password (default: the environment variable "
                        + Store.PASSWORD_VARIABLE + ").")
        Path passwordFile;

        @Override
        public Integer call() {
            List<StoreCopy.Copied> copied = common.facade().storeCopy(target());
            var w = spec.commandLine().getOut();
            if (common.json) {
                Printer.json(w, copied);
            } else {
                for (StoreCopy.Copied c : copied) {
                    w.printf("%-8s %9d rows  sha256 %s%n", c.table(), c.rows(), c.sha256());
                }
                w.println("copied into " + to + "; every table's rows and checksum match");
            }
            w.flush();
            return 0;
        }

        private Store target() {
            if (to.startsWith(Store.Postgres.PREFIX)) {
                String password = passwordFile == null
                        ? System.getenv(Store.PASSWORD_VARIABLE)
                        : PasswordFile.read(passwordFile, "--to-password-file");
                return Store.Postgres.given("--to", to, password);
            }
            // Another kind of URL is a mistake, not a file to create (it may hold a password, too).
            if (to.startsWith("jdbc:") || to.contains("://")) {
                Store.Postgres.given("--to", to, null);
            }
            if (passwordFile != null) {
                throw new CutoverException(
                        ErrorCode.BAD_INPUT, "--to-password-file goes with a PostgreSQL --to, not a SQLite file");
            }
            return new Store.Sqlite(Path.of(to));
        }
    }
}
