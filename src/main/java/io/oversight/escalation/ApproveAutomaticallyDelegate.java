package io.oversight.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.action.ActionRelease;
import io.oversight.qa.QaSampling;
import java.util.List;
import java.util.Map;
import io.oversight.audit.AuditEventType;
import io.oversight.audit.AuditLog;
import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.proposal.Outcome;
import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalJson;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalStatus;
import io.oversight.proposal.ProposalStore;
import io.oversight.proposal.ProposalType;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.springframework.stereotype.Component;

/** No rule fired: the proposal is approved as it is, in the agent's own request. */
@Component("approveAutomatically")
class ApproveAutomaticallyDelegate implements JavaDelegate {

    private static final List<String> APPROVERS = List.of("system:" + AgentProposalProcess.DECISION_KEY);

    private final ProposalRequests requests;
    private final ProposalStore store;
    private final ProposalJson json;
    private final ObjectMapper mapper;
    private final ActionRelease release;
    private final AuditLog audit;
    private final QaSampling qa;

    ApproveAutomaticallyDelegate(ProposalRequests requests, ProposalStore store, ProposalJson json, ObjectMapper mapper,
            ActionRelease release, AuditLog audit, QaSampling qa) {
        this.qa = qa;
        this.audit = audit;
        this.requests = requests;
        this.store = store;
        this.json = json;
        this.mapper = mapper;
        this.release = release;
    }

    @Override
    public void execute(DelegateExecution execution) {
        ProposalRequest request = requests.of(execution);
        Outcome outcome;
        if (request.type() == ProposalType.ACTION) {
            JsonNode action = mapper.valueToTree(request.action());
            release.prepare(execution, action, request.customer(), APPROVERS);
            outcome = Outcome.approvedByRules(null, action);
        } else {
            outcome = Outcome.approvedByRules(new Outcome.ReplyText(request.reply().text()), null);
            release.approve(execution, mapper.valueToTree(outcome.reply()), APPROVERS);
        }
        audit.record((String) execution.getVariable(Vars.PROPOSAL_ID), AuditEventType.DECIDED, "system",
                AuditLog.details("decision", "APPROVE", "by", "escalationRules", "comment", "no rule fired"));
        String proposalId = (String) execution.getVariable(Vars.PROPOSAL_ID);
        Object rate = execution.getVariable(Vars.QA_SAMPLE_RATE);
        if (rate instanceof Number qaRate && qaRate.doubleValue() > 0) {
            String headline = ReviewContext.headline(request, "approved automatically");
            qa.maybeAuditAutoApproval(proposalId, qaRate.doubleValue(),
                    qaContext(request, headline, execution.getVariable(Vars.RULES_VERSION)));
        }
        store.update((String) execution.getVariable(Vars.PROPOSAL_ID),
                ProposalChange.status(ProposalStatus.APPROVED).decided(outcome, json.write(outcome), null));
    }

    private Map<String, Object> qaContext(ProposalRequest request, String headline, Object rulesVersion) {
        String actionJson = request.type() == ProposalType.ACTION ? json.write(request.action()) : null;
        Map<String, Object> context = new java.util.HashMap<>(ReviewContext.formVariables(request, List.of(), headline, actionJson));
        context.put("proposalType", request.type().name());
        // the rules version that let it through: a missed escalation QA finds is counted against it
        context.put(QaSampling.RULE_VERSION, rulesVersion);
        context.remove("editedReply");
        context.remove("editedAction");
        return context;
    }
}
