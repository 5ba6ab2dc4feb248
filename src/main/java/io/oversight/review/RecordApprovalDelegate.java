package io.oversight.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.action.ActionRelease;
import io.oversight.escalation.AgentProposalProcess.Elements;
import io.oversight.proposal.Outcome;
import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalStatus;
import io.oversight.qa.QaSampling;
import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/**
 * A person approved, as proposed (APPROVED) or with changes (EDITED). What is released is exactly
 * what the guard validated and stored: the proposal as submitted, or the person's edit. An action is
 * released only now, bound to the hash of what was approved.
 */
@Component("recordApproval")
class RecordApprovalDelegate implements JavaDelegate {

    private final ReviewCase reviewCase;
    private final ObjectMapper mapper;
    private final ActionRelease release;
    private final QaSampling qa;

    RecordApprovalDelegate(ReviewCase reviewCase, ObjectMapper mapper, ActionRelease release, QaSampling qa) {
        this.reviewCase = reviewCase;
        this.mapper = mapper;
        this.release = release;
        this.qa = qa;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        DecisionState d = reviewCase.decision(execution);
        if (!d.approves()) {
            throw new IllegalStateException("Record approval reached without an approval (decision " + d.decision() + ")");
        }
        List<String> approvers = Elements.SECOND_APPROVAL.equals(d.step())
                ? List.of(d.firstApprover(), d.decidedBy()) : List.of(d.decidedBy());
        Outcome.ReplyText reply = null;
        JsonNode action = null;
        if (d.approvedAction() != null) {
            action = mapper.readTree(d.approvedAction());
            release.prepare(execution, action, reviewCase.request(execution).customer(), approvers);
        } else {
            reply = new Outcome.ReplyText(d.approvedReply());
            release.approve(execution, mapper.valueToTree(reply), approvers);
        }
        String id = reviewCase.id(execution);
        Outcome outcome = new Outcome(d.edited() ? "EDIT" : "APPROVE", reply, action, d.decidedBy(), d.decidedAt(),
                d.reviewComment(), d.edited(), null);
        qa.maybeReviewBlind(id, ReviewCase.blindContext(execution));
        reviewCase.update(execution, ProposalChange.status(d.edited() ? ProposalStatus.EDITED : ProposalStatus.APPROVED)
                .decided(outcome, reviewCase.write(outcome), d.decidedGroup()));
    }
}
