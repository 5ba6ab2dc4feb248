package io.oversight.feedback;

import io.oversight.web.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** The half-open window {@code [from, to)} of an export: by default the last 7 days, at most 31 days. */
record FeedbackWindow(Instant from, Instant to) {

    static final Duration DEFAULT_LENGTH = Duration.ofDays(7);
    static final Duration MAX_LENGTH = Duration.ofDays(31);

    /** From the query parameters (ISO-8601 instants with Z or an offset); 400 naming the parameter when wrong. */
    static FeedbackWindow of(String from, String to, Instant now) {
        Instant end = to == null || to.isBlank() ? now : parse("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(DEFAULT_LENGTH) : parse("from", from);
        if (!start.isBefore(end)) {
            throw InvalidRequestException.of("from", "must be before to");
        }
        if (Duration.between(start, end).compareTo(MAX_LENGTH) > 0) {
            throw InvalidRequestException.of("from", "the window may span at most 31 days");
        }
        return new FeedbackWindow(start, end);
    }

    private static Instant parse(String field, String value) {
        try {
            return OffsetDateTime.parse(value.strip()).toInstant();
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.of(field, "must be an ISO-8601 instant such as 2026-11-25T00:00:00Z");
        }
    }
}
