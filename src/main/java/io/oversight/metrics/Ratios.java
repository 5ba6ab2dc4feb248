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

    /** Milliseconds as seconds, rounded half up to milliseconds; null stays null. */
    static Double seconds(Double millis) {
        return millis == null ? null
                : BigDecimal.valueOf(millis).setScale(0, RoundingMode.HALF_UP).movePointLeft(3).doubleValue();
    }
}
