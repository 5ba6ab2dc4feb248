package io.oversight.metrics;

/** Median and 90th percentile (continuous, interpolated) in seconds; null when nothing was measured. */
public record Quantiles(Double p50, Double p90) {

    static Quantiles ofMillis(Double p50, Double p90) {
        return new Quantiles(Ratios.seconds(p50), Ratios.seconds(p90));
    }
}
