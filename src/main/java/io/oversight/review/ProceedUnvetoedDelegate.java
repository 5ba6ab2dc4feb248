package io.oversight.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.action.ActionRelease;
import io.oversight.audit.AuditEventType;
import io.oversight.audit.AuditLog;
import io.oversight.proposal.Outcome;
import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalStatus;
import java.time.Instant;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** The veto window closed without a veto: the proposal proceeds exactly as proposed (human on the loop). */
@Component("proceedUnvetoed")
class ProceedUnvetoedDelegate implements JavaDelegate {

    static final String DECIDER = "system:veto-window";

    private final ReviewCase reviewCase;
    private final ObjectMapper mapper;
    private final ActionRelease release;

    ProceedUnvetoedDelegate(ReviewCase reviewCase, ObjectMapper mapper, ActionRelease release) {
        this.reviewCase = reviewCase;
        this.mapper = mapper;
        this.release = release;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ProposalRequest request = reviewCase.request(execution);
        JsonNode action = request.action() == null ? null : mapper.valueToTree(request.action());
        Outcome.ReplyText reply = request.reply() == null ? null : new Outcome.ReplyText(request.reply().text());
        if (action != null) {
            release.prepare(execution, action, request.customer(), List.of(DECIDER));
        } else {
            release.approve(execution, mapper.valueToTree(reply), List.of(DECIDER));
        }
        Outcome outcome = new Outcome("APPROVE", reply, action, DECIDER, Instant.now(),
                "veto window closed without a veto", false, null);
        reviewCase.audit(execution, AuditEventType.DECIDED, DECIDER, AuditLog.details("decision", "APPROVE",
                "comment", outcome.comment(), "step", "veto window"));
        reviewCase.update(execution, ProposalChange.status(ProposalStatus.APPROVED)
                .decided(outcome, reviewCase.write(outcome), null));
    }
}
