package io.oversight.metrics;

import static io.oversight.metrics.WindowQueries.HUMAN;
import static io.oversight.metrics.WindowQueries.bounds;

import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The retrieved sources of escalations a person decided in a window, worst first: highest override
 * rate, then most decided, then by source. One grouped SQL query over {@code ovs_proposal_source}.
 */
@Repository
class SourceQueries {

    private final JdbcClient jdbc;

    SourceQueries(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<SourceFigures> worstFirst(MetricsWindow window, long minDecided, int limit) {
        return jdbc.sql("""
                select s.source, min(s.title) as title, count(*) as decided,
                  count(*) filter (where p.decision = 'EDIT') as edited,
                  count(*) filter (where p.decision in ('REJECT', 'VETO')) as rejected
                from ovs_proposal p join ovs_proposal_source s on s.proposal_id = p.id
                where p.decided_at >= :from and p.decided_at < :to and p.escalated and p.%s
                group by s.source
                having count(*) >= :minDecided
                order by cast(count(*) filter (where p.decision in ('EDIT', 'REJECT', 'VETO')) as double precision)
                    / count(*) desc, count(*) desc, s.source
                limit :limit""".formatted(HUMAN))
                .params(bounds(window)).param("minDecided", minDecided).param("limit", limit)
                .query((rs, n) -> {
                    long decided = rs.getLong("decided");
                    long edited = rs.getLong("edited");
                    long rejected = rs.getLong("rejected");
                    return new SourceFigures(rs.getString("source"), rs.getString("title"), decided, edited, rejected,
                            Ratios.rate(edited + rejected, decided));
                })
                .list();
    }
}
