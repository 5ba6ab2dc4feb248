package io.oversight.escalation;

import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalType;
import io.oversight.proposal.ProposalWorkflow;
import io.oversight.web.ConflictException;
import java.util.Locale;
import java.util.Optional;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/**
 * What a stored proposal starts, in the submitting transaction. Signals and the escalation rules judge
 * it first, before any process. A routine reply is approved then and there and starts nothing; a
 * routine action starts an agent-proposal instance that only releases it (message RoutineActionApproved);
 * only an escalated proposal starts the review. An instance's business key is the proposal id.
 */
@Component
public class ProposalProcess implements ProposalWorkflow {

    private final RuntimeService runtime;
    private final ProposalJudge judge;
    private final AutomaticApproval automaticApproval;
    private final ReviewRoute reviewRoute;

    ProposalProcess(RuntimeService runtime, ProposalJudge judge, AutomaticApproval automaticApproval,
            ReviewRoute reviewRoute) {
        this.runtime = runtime;
        this.judge = judge;
        this.automaticApproval = automaticApproval;
        this.reviewRoute = reviewRoute;
    }

    @Override
    public void start(String proposalId, ProposalRequest request) {
        Judgement judgement = judge.judge(proposalId, request);
        if (!judgement.escalate()) {
            Optional<VariableMap> release = automaticApproval.approve(proposalId, judgement);
            release.ifPresent(handOver -> runtime.startProcessInstanceByMessage(
                    AgentProposalProcess.MESSAGE_ROUTINE_ACTION_APPROVED, proposalId,
                    variables(proposalId, judgement, handOver)));
            return;
        }
        VariableMap review = reviewRoute.route(proposalId, judgement);
        runtime.startProcessInstanceByKey(AgentProposalProcess.KEY, proposalId, variables(proposalId, judgement, review));
    }

    /** Delivers the answer to a reviewer's question to the waiting process; a wait that just ended is a conflict. */
    @Override
    public void answer(String proposalId, String answer, String answeredBy) {
        try {
            runtime.createMessageCorrelation(AgentProposalProcess.MESSAGE_INFORMATION_PROVIDED)
                    .processInstanceBusinessKey(proposalId)
                    .setVariable(Vars.INFORMATION_ANSWER, answer)
                    .setVariable(Vars.INFORMATION_ANSWERED_BY, answeredBy)
                    .correlate();
        } catch (MismatchingMessageCorrelationException | OptimisticLockingException e) {
            throw new ConflictException("Proposal " + proposalId + " is no longer waiting for this answer"
                    + " (the question timed out or was answered meanwhile)");
        }
    }

    public static String actionTopic(String kind) {
        return "action-" + kind.toLowerCase(Locale.ROOT);
    }

    /**
     * What every instance carries: the proposal, the rules version that judged it (the approval records it),
     * and for an action its topic and idempotency key (what the action system reads). Each variable is a row in
     * ACT_RU_VARIABLE, ACT_HI_VARINST and ACT_HI_DETAIL, so nothing is written that no step, form, listener or
     * Tasklist list reads: whether it escalated (always, for a review; the gateways read the product's state)
     * and the rules' decision instance id are in the RULES_EVALUATED trail event.
     */
    private static VariableMap variables(String proposalId, Judgement judgement, VariableMap more) {
        ProposalRequest r = judgement.request();
        VariableMap vars = Variables.createVariables()
                .putValue(Vars.PROPOSAL_ID, proposalId)
                .putValue(Vars.PROPOSAL_TYPE, r.type().name())
                .putValue(Vars.CHANNEL, r.channelOrDefault())
                .putValue(Vars.RULES_VERSION, judgement.rulesVersion());
        if (r.type() == ProposalType.ACTION) {
            vars.putValue(Vars.IDEMPOTENCY_KEY, r.idempotencyKey());
            vars.putValue(Vars.ACTION_TOPIC, actionTopic(r.action().kind()));
        }
        vars.putAll(more);
        return vars;
    }
}
