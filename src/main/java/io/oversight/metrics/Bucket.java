package io.oversight.metrics;

import io.oversight.web.InvalidRequestException;
import java.time.Duration;
import java.util.Locale;

/** The length of a series' buckets; a series has at most {@link #MAX_POINTS} of them. */
enum Bucket {
    HOUR(Duration.ofHours(1)), DAY(Duration.ofDays(1)), WEEK(Duration.ofDays(7));

    static final int MAX_POINTS = 1000;

    final Duration length;

    Bucket(Duration length) {
        this.length = length;
    }

    static Bucket of(String name) {
        if (name == null || name.isBlank()) {
            return DAY;
        }
        try {
            return valueOf(name.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of("bucket", "must be hour, day or week");
        }
    }

    /** How many buckets cover the window; the last may be shorter. Refused above {@link #MAX_POINTS}. */
    int count(MetricsWindow window) {
        long millis = Duration.between(window.from(), window.to()).toMillis();
        long count = (millis + length.toMillis() - 1) / length.toMillis();
        if (count > MAX_POINTS) {
            throw InvalidRequestException.of("bucket", "gives " + count + " points for this window; at most "
                    + MAX_POINTS + ": choose a longer bucket or a shorter window");
        }
        return (int) count;
    }

    String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
