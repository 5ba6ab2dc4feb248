package io.oversight.customer;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * How long a person in a queue currently takes: the median of the queue's recent decisions
 * (last 50 within a week), never more than the time the SLA leaves, never less than a minute.
 */
@Component
class WaitEstimate {

    private static final int SAMPLE = 50;

    private final JdbcClient jdbc;

    WaitEstimate(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    long minutes(String queue, long slaMinutesLeft) {
        long cap = Math.max(1, slaMinutesLeft);
        if (queue == null) {
            return cap;
        }
        List<Duration> recent = jdbc.sql("""
                select created_at, decided_at from ovs_proposal
                where queue = :queue and escalated = true and decided_at is not null and decided_at > :since
                order by decided_at desc limit :sample
                """)
                .param("queue", queue).param("since", OffsetDateTime.now(ZoneOffset.UTC).minusDays(7))
                .param("sample", SAMPLE)
                .query((rs, n) -> Duration.between(rs.getObject("created_at", OffsetDateTime.class),
                        rs.getObject("decided_at", OffsetDateTime.class)))
                .list();
        if (recent.isEmpty()) {
            return cap;
        }
        List<Long> seconds = recent.stream().map(Duration::toSeconds).sorted().toList();
        long median = seconds.get(seconds.size() / 2);
        long minutes = Math.max(1, (median + 59) / 60);
        return Math.min(minutes, cap);
    }
}
