package io.oversight.escalation;

import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.policy.Policies;
import io.oversight.policy.Policy;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalType;
import io.oversight.proposal.ProposalWorkflow;
import java.util.Locale;
import io.oversight.web.ConflictException;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.springframework.stereotype.Component;

/** Starts one agent-proposal process per proposal, business key = proposal id. */
@Component
public class ProposalProcess implements ProposalWorkflow {

    private static final java.util.Set<String> PERSISTENT_INPUTS = java.util.Set.of(Vars.PROPOSAL_TYPE, Vars.CHANNEL);

    private final RuntimeService runtime;
    private final Policies policies;
    private final ReviewSettings settings;

    ProposalProcess(RuntimeService runtime, Policies policies, ReviewSettings settings) {
        this.settings = settings;
        this.policies = policies;
        this.runtime = runtime;
    }

    @Override
    public void start(String proposalId, ProposalRequest request) {
        runtime.startProcessInstanceByKey(AgentProposalProcess.KEY, proposalId, variables(proposalId, request));
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

    private VariableMap variables(String proposalId, ProposalRequest r) {
        Policy policy = policies.effective(r.workflowOrDefault());
        VariableMap vars = Variables.createVariables()
                .putValue(Vars.PROPOSAL_ID, proposalId)
                .putValueTyped(Vars.PROPOSAL_REQUEST, Variables.objectValue(r, true).create())
                .putValueTyped(Vars.QA_SAMPLE_RATE, Variables.doubleValue(policy.qaSampleRate(), true))
                .putValue(Vars.IDEMPOTENCY_KEY, r.idempotencyKey());
        // The rules' inputs live only while the rules run (transient): the decision's history keeps
        // them; only what later steps read is stored as a process variable.
        RuleInputs.of(r, policy.mode().name(), settings.currencies()).forEach((name, value) -> {
            if (PERSISTENT_INPUTS.contains(name)) {
                vars.putValue(name, value);
            } else {
                vars.putValueTyped(name, Variables.untypedValue(value, true));
            }
        });
        boolean action = r.type() == ProposalType.ACTION;
        if (action) {
            vars.putValue(Vars.ACTION_TOPIC, actionTopic(r.action().kind()));
        }
        return vars;
    }
}
