package io.oversight.review;

import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.qa.QaSampling;
import io.oversight.proposal.Outcome;
import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalJson;
import io.oversight.proposal.ProposalStatus;
import io.oversight.proposal.ProposalStore;
import java.util.Date;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** A person rejected the proposal; the agent learns why from the comment. */
@Component("recordRejection")
class RecordRejectionDelegate implements JavaDelegate {

    private final ProposalStore store;
    private final ProposalJson json;
    private final QaSampling qa;

    RecordRejectionDelegate(ProposalStore store, ProposalJson json, QaSampling qa) {
        this.qa = qa;
        this.store = store;
        this.json = json;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Outcome outcome = new Outcome("REJECT", null, null, (String) execution.getVariable(ReviewVars.DECIDED_BY),
                ((Date) execution.getVariable(ReviewVars.DECIDED_AT)).toInstant(),
                (String) execution.getVariable(ReviewVars.REVIEW_COMMENT), false, null);
        qa.maybeReviewBlind((String) execution.getVariable(Vars.PROPOSAL_ID), ReviewCase.blindContext(execution));
        store.update((String) execution.getVariable(Vars.PROPOSAL_ID),
                ProposalChange.status(ProposalStatus.REJECTED).decided(outcome, json.write(outcome),
                        (String) execution.getVariable(ReviewVars.DECIDED_GROUP)));
    }
}
