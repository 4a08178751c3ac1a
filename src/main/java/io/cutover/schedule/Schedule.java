package io.cutover.schedule;

/**
 * What a windows file says: the change windows and the error budgets of pools and sites.
 *
 * @param windows when moves may start, per site
 * @param poolBudget the failures each legacy pool's moves may have
 * @param siteBudget the failures each site's moves may have
 */
public record Schedule(ChangeWindows windows, ErrorBudget poolBudget, ErrorBudget siteBudget) {
    /** Without a windows file: always open, no budget. */
    public static final Schedule NONE = new Schedule(ChangeWindows.ALWAYS, ErrorBudget.NONE, ErrorBudget.NONE);
}
