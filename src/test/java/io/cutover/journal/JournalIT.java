package io.cutover.journal;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.inventory.Fqdn;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JournalIT {
    private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

    @TempDir
    Path dir;

    @Test
    void rows_written_before_a_reopen_are_read_back_in_order() {
        Path file = dir.resolve("j.db");
        try (Journal j = Journal.open(file)) {
            j.startRun("run-1", "abc", "{}", "lab", T0);
            Entry begin = Entry.begin(
                    "run-1",
                    "S/p/pilot",
                    "User:sip:a@x",
                    Action.DO,
                    1,
                    Fqdn.of("old"),
                    Fqdn.of("new"),
                    null,
                    T0,
                    "ann");
            j.append(begin);
            j.append(begin.end(Outcome.OK, "moved", T0.plusSeconds(1)));
        }
        try (Journal j = Journal.open(file)) {
            assertThat(j.currentRun()).get().extracting(RunRecord::planChecksum).isEqualTo("abc");
            List<Entry> rows = j.entries("run-1");
            assertThat(rows).extracting(Entry::event).containsExactly(Event.BEGIN, Event.END);
            assertThat(rows.get(1).outcome()).isEqualTo(Outcome.OK);
            assertThat(rows.get(1).to()).isEqualTo(Fqdn.of("new"));
            assertThat(rows.get(0).seq()).isLessThan(rows.get(1).seq());
        }
    }

    @Test
    void concurrent_appends_are_all_committed_and_each_writer_sees_its_rows_durable_on_return() throws Exception {
        Path file = dir.resolve("j.db");
        int writers = 16;
        int perWriter = 200;
        try (Journal j = Journal.open(file)) {
            j.startRun("run-1", "abc", "{}", "lab", T0);
            ExecutorService pool = Executors.newFixedThreadPool(writers);
            List<Future<?>> futures = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < perWriter; i++) {
                        j.append(Entry.begin(
                                "run-1", "step", "item-" + writer + "-" + i, Action.DO, 1, null, null, null, T0, "t"));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            pool.shutdown();
        }
        try (Journal j = Journal.open(file)) {
            assertThat(j.entries("run-1"))
                    .hasSize(writers * perWriter)
                    .extracting(Entry::item)
                    .doesNotHaveDuplicates();
        }
    }

    @Test
    void progress_folds_begin_and_end_rows_into_the_latest_state_of_each_item() {
        Entry a = Entry.begin("r", "s", "a", Action.DO, 1, Fqdn.of("old"), Fqdn.of("new"), null, T0, "t");
        Entry b = Entry.begin("r", "s", "b", Action.DO, 1, Fqdn.of("old"), Fqdn.of("new"), null, T0, "t");
        Entry c = Entry.begin("r", "s", "c", Action.DO, 1, Fqdn.of("old"), Fqdn.of("new"), null, T0, "t");
        Entry undo = Entry.begin("r", "s", "c", Action.UNDO, 1, Fqdn.of("new"), Fqdn.of("old"), null, T0, "t");
        Progress p = Progress.of(List.of(
                a,
                a.end(Outcome.OK, null, T0),
                b,
                b.end(Outcome.RETRY, "busy", T0),
                c,
                c.end(Outcome.OK, null, T0),
                undo,
                undo.end(Outcome.OK, null, T0),
                Entry.begin("r", "s", "d", Action.DO, 1, Fqdn.of("old"), Fqdn.of("new"), null, T0, "t")));
        assertThat(p.state("s", "a")).isEqualTo(State.DONE);
        assertThat(p.state("s", "b")).isEqualTo(State.RETRYING);
        assertThat(p.state("s", "c")).isEqualTo(State.UNDONE);
        assertThat(p.state("s", "d")).isEqualTo(State.IN_DOUBT);
        assertThat(p.state("s", "e")).isEqualTo(State.PENDING);
    }
}
