package io.oversight.metrics;

import io.oversight.web.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** A half-open time window {@code [from, to)} of the owner's figures. */
public record MetricsWindow(Instant from, Instant to) {

    static final Duration DEFAULT_LENGTH = Duration.ofDays(7);

    public MetricsWindow {
        if (!from.isBefore(to)) {
            throw InvalidRequestException.of("from", "must be before to");
        }
    }

    /** The window ending now with the given length. */
    public static MetricsWindow last(Duration length, Instant now) {
        return new MetricsWindow(now.minus(length), now);
    }

    /**
     * From the query parameters (ISO-8601 instants, with Z or an offset); a missing {@code to} is now,
     * a missing {@code from} is seven days before {@code to}.
     */
    static MetricsWindow of(String from, String to, Instant now) {
        Instant end = to == null || to.isBlank() ? now : parse("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(DEFAULT_LENGTH) : parse("from", from);
        return new MetricsWindow(start, end);
    }

    private static Instant parse(String field, String value) {
        try {
            return OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.of(field, "must be an ISO-8601 instant such as 2026-11-25T00:00:00Z");
        }
    }
}
