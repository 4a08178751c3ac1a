package io.cutover.assess;

import io.cutover.catalog.Catalog;
import io.cutover.catalog.ProductVersion;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.UnansweredServer;
import io.cutover.inventory.User;
import java.time.LocalDate;
import java.util.List;

/**
 * Inventory + target version + catalog to an {@link Assessment}: what is homed where, which users
 * cannot move, what blocks each legacy pool, and every finding that stands in the way of the
 * migration. Unlike the planner, which refuses at the first problem, the assessment collects them
 * all, and a reference to a pool the topology lacks is a finding, not a failure.
 *
 * <p>Pure: no I/O, no clock, no randomness; every list is sorted, so the same deployment gives the
 * same document however its files were ordered.
 */
public final class Assessor {
    private Assessor() {}

    /**
     * Assesses {@code inventory} for a migration to {@code target}, as of the day the catalog's
     * facts were reviewed.
     */
    public static Assessment assess(
            Inventory inventory, Catalog catalog, ProductVersion target, List<UnansweredServer> unanswered) {
        return assess(inventory, catalog, target, unanswered, List.of(), catalog.reviewed());
    }

    /**
     * Assesses {@code inventory} for a migration to {@code target}; a pool on a version whose
     * support had ended on {@code today} is reported as unsupported.
     */
    public static Assessment assess(
            Inventory inventory,
            Catalog catalog,
            ProductVersion target,
            List<UnansweredServer> unanswered,
            LocalDate today) {
        return assess(inventory, catalog, target, unanswered, List.of(), today);
    }

    /**
     * Assesses {@code inventory} as of {@code today}, counting {@code unhomed}: users with no
     * RegistrarPool (online or unassigned), which are reported and have no part in the readiness
     * verdict or the pool figures.
     */
    public static Assessment assess(
            Inventory inventory,
            Catalog catalog,
            ProductVersion target,
            List<UnansweredServer> unanswered,
            List<User> unhomed,
            LocalDate today) {
        return new AssessmentDocument(inventory, catalog, target, List.copyOf(unanswered), List.copyOf(unhomed), today)
                .run();
    }
}
