package io.oversight.escalation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.action.ActionRelease;
import io.oversight.action.Approval;
import io.oversight.audit.AuditEventType;
import io.oversight.audit.AuditLog;
import io.oversight.proposal.Outcome;
import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalJson;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalStatus;
import io.oversight.proposal.ProposalStore;
import io.oversight.proposal.ProposalType;
import io.oversight.qa.QaSampling;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.camunda.bpm.engine.variable.VariableMap;
import org.springframework.stereotype.Component;

/**
 * No rule fired: the proposal is approved as it is, in the agent's own request, without a process:
 * the approval (with its hash and the rules version), the DECIDED event, the QA sample and the status,
 * all in the submitting transaction. An action still goes through the release; this returns what
 * hands exactly the approved action to it.
 */
@Component
class AutomaticApproval {

    static final List<String> APPROVERS = List.of("system:" + AgentProposalProcess.DECISION_KEY);

    private final ProposalStore store;
    private final ProposalJson json;
    private final ObjectMapper mapper;
    private final ActionRelease release;
    private final AuditLog audit;
    private final QaSampling qa;

    AutomaticApproval(ProposalStore store, ProposalJson json, ObjectMapper mapper, ActionRelease release, AuditLog audit,
            QaSampling qa) {
        this.store = store;
        this.json = json;
        this.mapper = mapper;
        this.release = release;
        this.audit = audit;
        this.qa = qa;
    }

    /** Approves a routine proposal; for an action, the variables that hand it to the release. */
    Optional<VariableMap> approve(String proposalId, Judgement judgement) {
        ProposalRequest request = judgement.request();
        Outcome outcome;
        VariableMap handOver = null;
        if (request.type() == ProposalType.ACTION) {
            JsonNode action = mapper.valueToTree(request.action());
            Approval approval = release.approve(proposalId, action, APPROVERS, judgement.rulesVersion(), null);
            handOver = release.handOver(approval, request.customer());
            outcome = Outcome.approvedByRules(null, action);
        } else {
            outcome = Outcome.approvedByRules(new Outcome.ReplyText(request.reply().text()), null);
            release.approve(proposalId, mapper.valueToTree(outcome.reply()), APPROVERS, judgement.rulesVersion(), null);
        }
        audit.record(proposalId, AuditEventType.DECIDED, "system",
                AuditLog.details("decision", "APPROVE", "by", "escalationRules", "comment", "no rule fired"));
        double qaRate = judgement.policy().qaSampleRate();
        if (qaRate > 0) {
            String headline = ReviewContext.headline(request, "approved automatically");
            qa.maybeAuditAutoApproval(proposalId, qaRate, qaContext(request, headline, judgement.rulesVersion()));
        }
        store.update(proposalId, ProposalChange.status(ProposalStatus.APPROVED).decided(outcome, json.write(outcome), null));
        return Optional.ofNullable(handOver);
    }

    private Map<String, Object> qaContext(ProposalRequest request, String headline, int rulesVersion) {
        String actionJson = request.type() == ProposalType.ACTION ? json.write(request.action()) : null;
        Map<String, Object> context = new HashMap<>(ReviewContext.formVariables(request, List.of(), headline, actionJson));
        context.put("proposalType", request.type().name());
        // the rules version that let it through: a missed escalation QA finds is counted against it
        context.put(QaSampling.RULE_VERSION, rulesVersion);
        context.remove("editedReply");
        context.remove("editedAction");
        return context;
    }
}
