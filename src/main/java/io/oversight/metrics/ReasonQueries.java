package io.oversight.metrics;

import static io.oversight.metrics.WindowQueries.HUMAN;
import static io.oversight.metrics.WindowQueries.bounds;
import static io.oversight.metrics.WindowQueries.number;

import io.oversight.qa.QaSampling;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Comparator;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Per reason code (and optionally per rules version) over a window, as SQL aggregates over
 * {@code ovs_proposal_reason} joined to {@code ovs_proposal}: escalations by {@code created_at},
 * decisions by {@code decided_at}, QA-found missed escalations by {@code qa_at}.
 */
@Repository
class ReasonQueries {

    /** A row's key: the reason, and the rules version when grouped by version (else null). */
    record Key(String reason, Integer ruleVersion) {
        static final Comparator<Key> ORDER = Comparator.comparing(Key::reason)
                .thenComparing(Key::ruleVersion, Comparator.nullsFirst(Comparator.naturalOrder()));
    }

    record Decided(long decided, long approvedUnchanged, long edited, long rejected, long takenOver, Double p50,
            Double p90) {}

    /** Which rows to compute: all versions together or one row per version, optionally one version only. */
    record Grouping(boolean byVersion, Integer onlyVersion) {

        String reasonKey() {
            return byVersion ? "r.reason, r.rule_version" : "r.reason";
        }

        String reasonFilter() {
            return onlyVersion == null ? "" : " and r.rule_version = :version";
        }

        Key key(ResultSet rs, String reasonColumn, String versionColumn) throws SQLException {
            Object version = byVersion ? rs.getObject(versionColumn) : null;
            return new Key(rs.getString(reasonColumn), version instanceof Number n ? n.intValue() : null);
        }
    }

    private final JdbcClient jdbc;

    ReasonQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<Key, Long> escalated(MetricsWindow window, Grouping grouping) {
        Map<Key, Long> escalated = new TreeMap<>(Key.ORDER);
        jdbc.sql("""
                select %1$s, count(*) as escalated
                from ovs_proposal p join ovs_proposal_reason r on r.proposal_id = p.id
                where p.created_at >= :from and p.created_at < :to%2$s
                group by %1$s""".formatted(grouping.reasonKey(), grouping.reasonFilter()))
                .params(bounds(window)).params(version(grouping))
                .query(rs -> {
                    escalated.put(grouping.key(rs, "reason", "rule_version"), rs.getLong("escalated"));
                });
        return escalated;
    }

    Map<Key, Decided> decided(MetricsWindow window, Grouping grouping) {
        Map<Key, Decided> decided = new TreeMap<>(Key.ORDER);
        jdbc.sql("""
                select %1$s, count(*) as decided,
                  count(*) filter (where p.decision = 'APPROVE') as approved_unchanged,
                  count(*) filter (where p.decision = 'EDIT') as edited,
                  count(*) filter (where p.decision in ('REJECT', 'VETO')) as rejected,
                  count(*) filter (where p.decision = 'TAKE_OVER') as taken_over,
                  percentile_cont(0.5) within group (order by cast(p.decided_ms - p.created_ms as double precision)) as p50,
                  percentile_cont(0.9) within group (order by cast(p.decided_ms - p.created_ms as double precision)) as p90
                from ovs_proposal p join ovs_proposal_reason r on r.proposal_id = p.id
                where p.decided_at >= :from and p.decided_at < :to and p.escalated and p.%3$s%2$s
                group by %1$s""".formatted(grouping.reasonKey(), grouping.reasonFilter(), HUMAN))
                .params(bounds(window)).params(version(grouping))
                .query(rs -> {
                    decided.put(grouping.key(rs, "reason", "rule_version"), new Decided(rs.getLong("decided"),
                            rs.getLong("approved_unchanged"), rs.getLong("edited"), rs.getLong("rejected"),
                            rs.getLong("taken_over"), number(rs, "p50"), number(rs, "p90")));
                });
        return decided;
    }

    /** Post-action audits that found a missed escalation and named the reason that should have fired. */
    Map<Key, Long> missedByQa(MetricsWindow window, Grouping grouping) {
        Map<Key, Long> missed = new TreeMap<>(Key.ORDER);
        String key = grouping.byVersion() ? "qa_missed_reason, qa_rule_version" : "qa_missed_reason";
        String filter = grouping.onlyVersion() == null ? "" : " and qa_rule_version = :version";
        jdbc.sql("""
                select %1$s, count(*) as missed from ovs_proposal
                where qa_at >= :from and qa_at < :to and qa_kind = :audit and qa_verdict = 'SHOULD_HAVE_ESCALATED'
                  and qa_missed_reason is not null%2$s
                group by %1$s""".formatted(key, filter))
                .params(bounds(window)).params(version(grouping)).param("audit", QaSampling.POST_ACTION_AUDIT)
                .query(rs -> {
                    missed.put(grouping.key(rs, "qa_missed_reason", "qa_rule_version"), rs.getLong("missed"));
                });
        return missed;
    }

    private static Map<String, Object> version(Grouping grouping) {
        return grouping.onlyVersion() == null ? Map.of() : Map.of("version", grouping.onlyVersion());
    }
}
