package io.oversight.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.action.ActionRelease;
import io.oversight.qa.QaSampling;
import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.proposal.Outcome;
import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalJson;
import io.oversight.proposal.ProposalRecord;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalStatus;
import io.oversight.proposal.ProposalStore;
import io.oversight.proposal.ProposalType;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A person approved, as proposed (APPROVED) or with changes (EDITED); an action is released only now. */
@Component("recordApproval")
class RecordApprovalDelegate implements JavaDelegate {

    private final ProposalStore store;
    private final ProposalJson json;
    private final ObjectMapper mapper;
    private final ActionRelease release;
    private final QaSampling qa;

    RecordApprovalDelegate(ProposalStore store, ProposalJson json, ObjectMapper mapper, ActionRelease release, QaSampling qa) {
        this.qa = qa;
        this.store = store;
        this.json = json;
        this.mapper = mapper;
        this.release = release;
    }

    @Override
    public void execute(DelegateExecution execution) throws Exception {
        String id = (String) execution.getVariable(Vars.PROPOSAL_ID);
        ProposalRecord record = store.find(id).orElseThrow();
        ProposalRequest request = json.request(record);
        boolean changed = Boolean.TRUE.equals(execution.getVariable(ReviewVars.CHANGED));
        Outcome.ReplyText reply = null;
        JsonNode action = null;
        if (request.type() == ProposalType.REPLY) {
            String finalReply = (String) execution.getVariable(ReviewVars.FINAL_REPLY);
            reply = new Outcome.ReplyText(changed ? finalReply : request.reply().text());
        } else {
            String finalAction = (String) execution.getVariable(ReviewVars.FINAL_ACTION);
            action = changed ? mapper.readTree(finalAction) : mapper.valueToTree(request.action());
            release.prepare(execution, action, request.customer());
        }
        Outcome outcome = new Outcome(changed ? "EDIT" : "APPROVE", reply, action,
                (String) execution.getVariable(ReviewVars.DECIDED_BY),
                ((Date) execution.getVariable(ReviewVars.DECIDED_AT)).toInstant(),
                (String) execution.getVariable(ReviewVars.REVIEW_COMMENT), changed, null);
        qa.maybeReviewBlind(id, ReviewCase.blindContext(execution));
        store.update(id, ProposalChange.status(changed ? ProposalStatus.EDITED : ProposalStatus.APPROVED)
                .decided(outcome, json.write(outcome), (String) execution.getVariable(ReviewVars.DECIDED_GROUP)));
    }
}
