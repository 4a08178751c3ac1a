package io.cutover.app;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.journal.Journal;
import io.cutover.journal.PasswordFile;
import io.cutover.journal.Store;
import io.cutover.journal.StoreContent;
import io.cutover.schedule.Schedule;
import io.cutover.schedule.ScheduleFile;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * Where a migration keeps its state: the journal, the lab (when the target is the lab) and the
 * current plan. {@code ./.cutover} by default. The journal is the SQLite file {@code journal.db}
 * unless the workspace remembers a PostgreSQL store ({@code store.properties}: its URL and where
 * its password file is; never the password).
 */
public record Workspace(Path dir) {
    public Path journal() {
        return dir.resolve("journal.db");
    }

    public Path lab() {
        return dir.resolve("lab");
    }

    public Path plan() {
        return dir.resolve("plan.json");
    }

    /** How the shell sessions of the last shell run were doing. */
    public Path shellSessions() {
        return dir.resolve("shell-sessions.json");
    }

    /** The windows file a run was given ({@code run --windows}), kept so that later commands know it. */
    public Path windows() {
        return dir.resolve("windows.yaml");
    }

    /**
     * Checks {@code file} and keeps a copy beside the journal: {@code run --resume}, {@code status}
     * and {@code serve} in other processes keep to it from now on.
     *
     * @return what the file says
     * @throws CutoverException BAD_INPUT naming the file, line and field of a fault; nothing is kept then
     */
    public Schedule rememberWindows(Path file) {
        String text = TextFiles.read(file);
        Schedule schedule = ScheduleFile.parse(text, file.toString());
        try {
            Files.createDirectories(dir);
            TextFiles.writeAtomically(windows(), text);
        } catch (IOException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "cannot write " + windows() + ": " + e.getMessage(), e);
        }
        return schedule;
    }

    /** The remembered windows file's schedule; {@link Schedule#NONE} when there is none. */
    public Schedule schedule() {
        return Files.exists(windows())
                ? ScheduleFile.parse(TextFiles.read(windows()), windows().toString())
                : Schedule.NONE;
    }

    public Path storeFile() {
        return dir.resolve("store.properties");
    }

    /**
     * The journal's store: the remembered PostgreSQL database, its password from the remembered
     * password file or else the environment variable {@value Store#PASSWORD_VARIABLE}; or the
     * SQLite file.
     *
     * @throws CutoverException BAD_INPUT when the remembered store or its password file cannot be read
     */
    public Store store() {
        if (!Files.exists(storeFile())) {
            return new Store.Sqlite(journal());
        }
        Properties p = read(storeFile());
        String file = p.getProperty("passwordFile");
        return Store.Postgres.given(
                storeFile().toString(),
                p.getProperty("url"),
                password(file == null ? null : Path.of(file), "the password file remembered in " + storeFile()));
    }

    /** Whether the workspace has a journal: a PostgreSQL store always has one to open. */
    public boolean hasJournal() {
        return Files.exists(storeFile()) || Files.exists(journal());
    }

    /**
     * Opens the store at {@code url} (its password from {@code passwordFile}, or else the
     * environment), and once it opened remembers it (and where its password is kept) as this
     * workspace's store, so that later commands need not repeat it. A store that is refused leaves
     * what the workspace remembered as it was.
     *
     * @param passwordFile null to take the password from the environment
     * @throws CutoverException BAD_INPUT for a URL that is not PostgreSQL's or that carries a
     *     password, a password file that is missing or open to others, or a store that cannot be
     *     reached or holds something other than a journal
     */
    public void rememberStore(String url, Path passwordFile) {
        Store.Postgres store = Store.Postgres.given("--store", url, password(passwordFile, "--store-password-file"));
        if (hasJournal() && !store.equals(store()) && StoreContent.hasNoJournal(store)) {
            // A mistyped database name would otherwise get a new, empty journal and the workspace
            // would turn to it, its run left behind.
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "--store: " + store + " holds no journal, and this workspace's journal is in "
                            + store().where() + "; to move the workspace there, copy its journal first"
                            + " (`cutover store copy --to URL`); for a new migration, use another --workspace");
        }
        Journal.open(store).close();
        Properties p = new Properties();
        p.setProperty("url", url);
        if (passwordFile != null) {
            p.setProperty("passwordFile", passwordFile.toAbsolutePath().toString());
        }
        try {
            Files.createDirectories(dir);
            StringWriter w = new StringWriter();
            p.store(w, "the journal's store; the password comes from the password file or " + Store.PASSWORD_VARIABLE);
            TextFiles.writeAtomically(storeFile(), w.toString());
        } catch (IOException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "cannot write " + storeFile() + ": " + e.getMessage(), e);
        }
    }

    /** A file given beats the environment: it was named on purpose, the variable may be left from elsewhere. */
    private static String password(Path file, String option) {
        return file != null ? PasswordFile.read(file, option) : System.getenv(Store.PASSWORD_VARIABLE);
    }

    private static Properties read(Path file) {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        } catch (IOException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "cannot read " + file + ": " + e.getMessage(), e);
        }
        return p;
    }
}
