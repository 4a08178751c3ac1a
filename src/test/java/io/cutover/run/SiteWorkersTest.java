package io.cutover.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The threads that carry out moves: one pool for the run, or with sites in parallel a pool per site of its bound. */
class SiteWorkersTest {
    private static Parallelism sites(int perSite) {
        return new Parallelism(false, true, perSite, 0, 10);
    }

    @Test
    void without_sites_in_parallel_every_site_shares_the_runs_one_pool() {
        try (SiteWorkers workers = new SiteWorkers(8, new Parallelism(true, false, 3, 0, 10))) {
            assertThat(workers.of("Dublin")).isSameAs(workers.of("Redmond")).isSameAs(workers.of(null));
            assertThat(((ThreadPoolExecutor) workers.of("Dublin")).getMaximumPoolSize())
                    .isEqualTo(8);
        }
    }

    @Test
    void with_sites_in_parallel_and_a_bound_per_site_each_site_gets_its_own_pool_of_that_bound() {
        try (SiteWorkers workers = new SiteWorkers(8, sites(3))) {
            assertThat(workers.of("Dublin")).isSameAs(workers.of("Dublin")).isNotSameAs(workers.of("Redmond"));
            assertThat(((ThreadPoolExecutor) workers.of("Dublin")).getMaximumPoolSize())
                    .isEqualTo(3);
        }
    }

    @Test
    void a_bound_per_site_above_the_global_one_is_cut_to_it_and_no_bound_means_one_pool() {
        assertThat(SiteWorkers.perSite(8, sites(20))).isEqualTo(8);
        assertThat(SiteWorkers.perSite(8, sites(0))).isZero();
        assertThat(SiteWorkers.perSite(8, new Parallelism(true, false, 3, 0, 10)))
                .isZero();
    }

    @Test
    void a_site_whose_threads_all_wait_holds_up_no_move_of_another_site() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch dublinBusy = new CountDownLatch(2);
        CountDownLatch redmondRan = new CountDownLatch(1);
        try (SiteWorkers workers = new SiteWorkers(4, sites(2))) {
            ExecutorService dublin = workers.of("Dublin");
            for (int i = 0; i < 3; i++) {
                dublin.submit(() -> {
                    dublinBusy.countDown();
                    release.await();
                    return null;
                });
            }
            assertThat(dublinBusy.await(30, TimeUnit.SECONDS)).isTrue();
            // Dublin's two threads wait and its third move is queued behind them.
            assertThat(((ThreadPoolExecutor) dublin).getQueue()).hasSize(1);

            workers.of("Redmond").submit(redmondRan::countDown);

            assertThat(redmondRan.await(30, TimeUnit.SECONDS)).isTrue();
            release.countDown();
        }
    }

    @Test
    void closing_stops_every_pool() {
        SiteWorkers workers = new SiteWorkers(4, sites(2));
        ExecutorService dublin = workers.of("Dublin");
        ExecutorService redmond = workers.of("Redmond");

        workers.close();

        assertThat(dublin.isShutdown()).isTrue();
        assertThat(redmond.isShutdown()).isTrue();
    }
}
