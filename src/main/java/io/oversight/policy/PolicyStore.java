package io.oversight.policy;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Rows of ovs_policy. */
@Repository
class PolicyStore {

    private final JdbcClient jdbc;

    PolicyStore(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Policy> find(String workflow) {
        return jdbc.sql("select * from ovs_policy where workflow = ?").param(workflow).query(PolicyStore::map).optional();
    }

    void save(Policy policy) {
        OffsetDateTime at = policy.updatedAt().atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("update ovs_policy set mode = ?, qa_sample_rate = ?, updated_by = ?, updated_at = ? where workflow = ?")
                .params(policy.mode().name(), policy.qaSampleRate(), policy.updatedBy(), at, policy.workflow()).update();
        if (updated == 0) {
            jdbc.sql("insert into ovs_policy (workflow, mode, qa_sample_rate, updated_by, updated_at) values (?, ?, ?, ?, ?)")
                    .params(policy.workflow(), policy.mode().name(), policy.qaSampleRate(), policy.updatedBy(), at).update();
        }
    }

    private static Policy map(ResultSet rs, int row) throws SQLException {
        return new Policy(rs.getString("workflow"), Policy.Mode.valueOf(rs.getString("mode")),
                rs.getDouble("qa_sample_rate"), rs.getString("updated_by"),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
    }

}
