package io.oversight.review;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** ovs_decision_state: one row per proposal, the latest validated decision (written in the completion's transaction). */
@Repository
class DecisionStates {

    private final JdbcClient jdbc;

    DecisionStates(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<DecisionState> find(String proposalId) {
        return jdbc.sql("select * from ovs_decision_state where proposal_id = ?").param(proposalId)
                .query(DecisionStates::map).optional();
    }

    void save(DecisionState s) {
        jdbc.sql("delete from ovs_decision_state where proposal_id = ?").param(s.proposalId()).update();
        jdbc.sql("""
                insert into ovs_decision_state (proposal_id, step, decision, decided_by, decided_group, decided_at,
                  review_comment, reassign_to, info_request, human_reply, first_approver, edited, edit_before,
                  approved_reply, approved_action)
                values (:id, :step, :decision, :by, :group, :at, :comment, :reassignTo, :infoRequest, :humanReply,
                  :firstApprover, :edited, :editBefore, :approvedReply, :approvedAction)""")
                .param("id", s.proposalId()).param("step", s.step()).param("decision", s.decision())
                .param("by", s.decidedBy()).param("group", s.decidedGroup())
                .param("at", s.decidedAt().atOffset(ZoneOffset.UTC)).param("comment", s.reviewComment())
                .param("reassignTo", s.reassignTo()).param("infoRequest", s.infoRequest())
                .param("humanReply", s.humanReply()).param("firstApprover", s.firstApprover())
                .param("edited", s.edited()).param("editBefore", s.editBefore())
                .param("approvedReply", s.approvedReply()).param("approvedAction", s.approvedAction())
                .update();
    }

    private static DecisionState map(ResultSet rs, int row) throws SQLException {
        return new DecisionState(rs.getString("proposal_id"), rs.getString("step"), rs.getString("decision"),
                rs.getString("decided_by"), rs.getString("decided_group"),
                rs.getObject("decided_at", OffsetDateTime.class).toInstant(), rs.getString("review_comment"),
                rs.getString("reassign_to"), rs.getString("info_request"), rs.getString("human_reply"),
                rs.getString("first_approver"), rs.getBoolean("edited"), rs.getString("edit_before"),
                rs.getString("approved_reply"), rs.getString("approved_action"));
    }
}
