package io.cutover.run;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** How many claimers one process runs: enough slices in hand for its workers, and one more. */
class ParallelismClaimersTest {
    private static Parallelism slice(int slice) {
        return new Parallelism(true, false, 0, 0, slice);
    }

    @Test
    void one_site_whose_workers_one_slice_fills_runs_two_claimers() {
        assertThat(slice(100).claimers(1, 24)).isEqualTo(2);
    }

    @Test
    void small_slices_get_enough_claimers_to_keep_every_worker_busy_and_one_more() {
        // 24 workers, slices of 8: three slices in hand, a fourth queued behind them.
        assertThat(slice(8).claimers(1, 24)).isEqualTo(4);
        assertThat(slice(7).claimers(1, 24)).isEqualTo(5);
    }

    @Test
    void each_site_carried_out_at_once_gets_its_own_claimers() {
        assertThat(slice(8).claimers(3, 24)).isEqualTo(12);
        assertThat(slice(8).claimers(0, 24)).isEqualTo(4);
    }

    @Test
    void a_process_never_runs_more_than_the_ceiling() {
        assertThat(slice(1).claimers(10, 512)).isEqualTo(Parallelism.MAX_CLAIMERS);
    }
}
