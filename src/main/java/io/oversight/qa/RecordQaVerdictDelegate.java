package io.oversight.qa;

import static io.oversight.audit.AuditLog.details;

import io.oversight.audit.AuditEventType;
import io.oversight.audit.AuditLog;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** Stores the QA verdict (or the blind decision) with the proposal, for the owner's metrics. */
@Component("recordQaVerdict")
class RecordQaVerdictDelegate implements JavaDelegate {

    private final JdbcClient jdbc;
    private final AuditLog audit;
    private final IdentityService identity;

    RecordQaVerdictDelegate(JdbcClient jdbc, AuditLog audit, IdentityService identity) {
        this.jdbc = jdbc;
        this.audit = audit;
        this.identity = identity;
    }

    @Override
    public void execute(DelegateExecution execution) {
        String proposalId = (String) execution.getVariable("proposalId");
        String kind = (String) execution.getVariable("qaKind");
        Authentication current = identity.getCurrentAuthentication();
        String reviewer = current == null ? "unknown" : current.getUserId();
        String verdict = QaSampling.BLIND_REVIEW.equals(kind) ? null : (String) execution.getVariable("qaVerdict");
        String blind = QaSampling.BLIND_REVIEW.equals(kind) ? (String) execution.getVariable("blindDecision") : null;
        String missedReason = "SHOULD_HAVE_ESCALATED".equals(verdict) ? missedReason(execution) : null;
        Object ruleVersion = execution.getVariable(QaSampling.RULE_VERSION);
        jdbc.sql("""
                update ovs_proposal set qa_kind = :kind, qa_verdict = :verdict, blind_decision = :blind,
                  qa_by = :by, qa_at = :at, qa_missed_reason = :missedReason, qa_rule_version = :ruleVersion
                where id = :id""")
                .param("kind", kind).param("verdict", verdict).param("blind", blind).param("by", reviewer)
                .param("missedReason", missedReason)
                .param("ruleVersion", ruleVersion instanceof Number n ? n.intValue() : null)
                .param("at", OffsetDateTime.now(ZoneOffset.UTC)).param("id", proposalId).update();
        audit.record(proposalId, AuditEventType.QA_REVIEWED, reviewer, details("kind", kind, "verdict", verdict,
                "blindDecision", blind, "missedReason", missedReason, "comment", execution.getVariable("reviewComment")));
    }

    private static String missedReason(DelegateExecution execution) {
        Object reason = execution.getVariable(QaSampling.MISSED_REASON);
        return reason == null || reason.toString().isBlank() ? null : reason.toString().strip();
    }
}
