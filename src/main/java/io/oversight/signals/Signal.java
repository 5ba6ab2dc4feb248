package io.oversight.signals;

import java.util.List;
import java.util.Objects;

/**
 * One detected signal.
 *
 * @param name    signal name, see {@link Signals}
 * @param score   0..1, rounded to two decimals
 * @param matches the evidence that matched (text as written by the customer), may be empty
 * @param detail  a short sentence for reviewers explaining the score
 */
public record Signal(String name, double score, List<String> matches, String detail) {

    public Signal {
        Objects.requireNonNull(name, "name");
        if (Double.isNaN(score) || score < 0.0 || score > 1.0) {
            throw new IllegalArgumentException("signal score must be within 0..1 but was " + score);
        }
        matches = matches == null ? List.of() : List.copyOf(matches);
        detail = detail == null ? "" : detail;
    }

    /** True when the score reaches {@link Signals#THRESHOLD}. */
    public boolean fired() {
        return score >= Signals.THRESHOLD;
    }
}
