package io.cutover.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** One measured quantity: every sample, and the median that is reported. */
public record Figure(
        String name,
        String unit,
        List<Double> samples,
        double median,
        String target,
        boolean meetsTarget,
        String note) {
    static double median(List<Double> samples) {
        List<Double> sorted = new ArrayList<>(samples);
        Collections.sort(sorted);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }
}
