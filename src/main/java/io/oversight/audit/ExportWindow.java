package io.oversight.audit;

import io.oversight.web.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * The time window of an export, [from, to): by default the last 24 hours, at most 31 days, so one
 * request cannot hold a connection for the whole history.
 */
record ExportWindow(Instant from, Instant to) {

    static final Duration DEFAULT_LENGTH = Duration.ofHours(24);
    static final Duration MAX_LENGTH = Duration.ofDays(31);

    static ExportWindow of(String from, String to, Instant now) {
        Instant end = to == null || to.isBlank() ? now : parse("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(DEFAULT_LENGTH) : parse("from", from);
        if (!start.isBefore(end)) {
            throw InvalidRequestException.of("to", "must be after from");
        }
        if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
            throw InvalidRequestException.of("to", "must be at most 31 days after from; export longer periods window by window");
        }
        return new ExportWindow(start, end);
    }

    private static Instant parse(String field, String value) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.of(field, "must be an ISO-8601 instant such as 2026-11-25T09:58:06Z");
        }
    }
}
