package io.oversight.metrics;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Rounding of the owner's figures, so the same data always gives the same numbers on every database. */
final class Ratios {

    private Ratios() {}

    /** part / whole, rounded half up to 4 decimals; 0.0 when whole is 0. */
    static double rate(long part, long whole) {
        return whole == 0 ? 0.0 : BigDecimal.valueOf(part).divide(BigDecimal.valueOf(whole), 4, RoundingMode.HALF_UP)
                .doubleValue();
    }

    /** Like {@link #rate}, but null when whole is 0 (nothing was measured). */
    static Double rateOrNull(long part, long whole) {
        return whole == 0 ? null : rate(part, whole);
    }

    /** The 97.5 % quantile of the standard normal distribution: a two-sided 95 % interval. */
    static final double Z95 = 1.959963984540054;

    /**
     * The upper end of the Wilson score interval (95 %) of part / whole, rounded up to 4 decimals so a
     * bound is never reported lower than it is; 1.0 when whole is 0 (nothing is known).
     */
    static double wilsonUpper95(long part, long whole) {
        if (whole == 0) {
            return 1.0;
        }
        double n = whole;
        double p = part / n;
        double z2 = Z95 * Z95;
        double upper = (p + z2 / (2 * n) + Z95 * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))) / (1 + z2 / n);
        return BigDecimal.valueOf(Math.min(1.0, upper)).setScale(4, RoundingMode.CEILING).doubleValue();
    }

    /** Milliseconds as seconds, rounded half up to milliseconds; null stays null. */
    static Double seconds(Double millis) {
        return millis == null ? null
                : BigDecimal.valueOf(millis).setScale(0, RoundingMode.HALF_UP).movePointLeft(3).doubleValue();
    }
}
