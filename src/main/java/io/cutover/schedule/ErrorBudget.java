package io.cutover.schedule;

import java.util.List;
import java.util.Optional;

/**
 * How many failed moves a pool or a site may have before the run holds for review: more than
 * {@code failedPercent} percent of the last {@code ofLast} moves, or {@code inARow} failures in a
 * row. A threshold of 0 is not checked.
 *
 * @param failedPercent 0 to 100
 * @param ofLast the window of moves the percentage is taken over; the percentage is judged only
 *     once that many moves are done, so that the first failure of a pool is not "100 %"
 * @param inARow consecutive failures that exhaust the budget at once
 * @throws IllegalArgumentException for a percentage outside 0..100 or a negative count
 */
public record ErrorBudget(int failedPercent, int ofLast, int inARow) {
    /** No budget: nothing holds a run for its failure rate. */
    public static final ErrorBudget NONE = new ErrorBudget(0, 0, 0);

    public ErrorBudget {
        if (failedPercent < 0 || failedPercent > 100) {
            throw new IllegalArgumentException("failedPercent must be 0 to 100, not " + failedPercent);
        }
        if (ofLast < 0 || inARow < 0) {
            throw new IllegalArgumentException("ofLast and inARow cannot be negative");
        }
    }

    /**
     * Whether the budget of {@code scope} is exhausted by its moves' outcomes, and why.
     *
     * @param scope what the outcomes belong to, for the reason ("pool lyncpool01.contoso.com")
     * @param failed each finished move's outcome, oldest first: true for a failure
     * @return the reason the run must hold, or empty while within budget
     */
    public Optional<String> exhausted(String scope, List<Boolean> failed) {
        int run = 0;
        for (int i = failed.size() - 1; i >= 0 && failed.get(i); i--) {
            run++;
        }
        if (inARow > 0 && run >= inARow) {
            return Optional.of(scope + ": " + run + " moves failed in a row (budget: " + inARow + ")");
        }
        if (failedPercent > 0 && ofLast > 0 && failed.size() >= ofLast) {
            long n = failed.subList(failed.size() - ofLast, failed.size()).stream()
                    .filter(f -> f)
                    .count();
            if (n * 100 > (long) failedPercent * ofLast) {
                return Optional.of(scope + ": " + n + " of the last " + ofLast + " moves failed, more than "
                        + failedPercent + " % (budget)");
            }
        }
        return Optional.empty();
    }
}
