package io.oversight.signals;

import java.util.Collection;
import java.util.Locale;

/** Score arithmetic shared by the detectors. */
final class Scores {

    private Scores() {
    }

    /** Combines independent evidence: 1 - product(1 - w), each weight clamped to 0..1, rounded. */
    static double combine(Collection<Double> weights) {
        double remaining = 1.0;
        for (double weight : weights) {
            remaining *= 1.0 - clamp(weight);
        }
        return round(1.0 - remaining);
    }

    static double clamp(double value) {
        if (Double.isNaN(value)) {
            return 0.0;
        }
        return Math.max(0.0, Math.min(1.0, value));
    }

    static double round(double value) {
        return Math.round(clamp(value) * 100.0) / 100.0;
    }

    static String format(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }
}
