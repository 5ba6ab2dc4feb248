package io.oversight.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.escalation.AgentProposalProcess.Elements;
import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.proposal.ProposalJson;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalStore;
import io.oversight.proposal.ProposalType;
import java.util.Date;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Refuses a review completion that lacks what its decision needs, before the task completes: the
 * engine rolls the completion back and the task stays open with the message shown to the reviewer.
 */
@Component
class DecisionGuard {

    static final Set<String> DECISIONS = Set.of("APPROVE", "EDIT", "REJECT");

    private final ProposalStore store;
    private final ProposalJson json;
    private final ObjectMapper mapper;

    DecisionGuard(ProposalStore store, ProposalJson json, ObjectMapper mapper) {
        this.store = store;
        this.json = json;
        this.mapper = mapper;
    }

    /** Checks the decision and records who took it; throws {@link DecisionRefusedException} when it may not stand. */
    void check(DelegateTask task, String reviewer) {
        String decision = text(task.getVariable(ReviewVars.DECISION));
        if (decision == null || !DECISIONS.contains(decision)) {
            throw new DecisionRefusedException("decision must be one of " + String.join(", ", DECISIONS.stream().sorted().toList()));
        }
        boolean secondApproval = Elements.SECOND_APPROVAL.equals(task.getTaskDefinitionKey());
        if (secondApproval && Objects.equals(reviewer, task.getVariable(ReviewVars.FIRST_APPROVER))) {
            throw new DecisionRefusedException("four-eyes approval: " + reviewer + " already gave the first approval; a different person must give the second");
        }
        switch (decision) {
            case "REJECT" -> require(task, ReviewVars.REVIEW_COMMENT, "REJECT needs a reviewComment telling the agent why");
            case "EDIT" -> checkEdit(task);
            default -> { }
        }
        task.setVariable(ReviewVars.DECIDED_BY, reviewer);
        task.setVariable(ReviewVars.DECIDED_AT, new Date());
        if (!secondApproval && !"REJECT".equals(decision)) {
            task.setVariable(ReviewVars.FIRST_APPROVER, reviewer);
        }
    }

    private void checkEdit(DelegateTask task) {
        ProposalRequest original = json.request(store.find((String) task.getVariable(Vars.PROPOSAL_ID)).orElseThrow());
        if (original.type() == ProposalType.REPLY) {
            String edited = text(task.getVariable(ReviewVars.EDITED_REPLY));
            if (edited == null || edited.isBlank()) {
                throw new DecisionRefusedException("EDIT needs editedReply with the reply to send");
            }
            if (edited.equals(original.reply().text())) {
                throw new DecisionRefusedException("editedReply is unchanged; use APPROVE to send the reply as proposed");
            }
            task.setVariable(ReviewVars.FINAL_REPLY, edited);
        } else {
            JsonNode action = editedAction(task.getVariable(ReviewVars.EDITED_ACTION), original.action());
            if (action.equals(mapper.valueToTree(original.action()))) {
                throw new DecisionRefusedException("editedAction is unchanged; use APPROVE to run the action as proposed");
            }
            task.setVariable(ReviewVars.FINAL_ACTION, json.write(action));
        }
        task.setVariable(ReviewVars.CHANGED, true);
    }

    /** The reviewer's changes laid over the proposed action; the kind of action cannot change. */
    private JsonNode editedAction(Object value, ProposalRequest.Action original) {
        String text = text(value);
        if (text == null || text.isBlank()) {
            throw new DecisionRefusedException("EDIT needs editedAction (JSON) with the changed action");
        }
        JsonNode edited;
        try {
            edited = mapper.readTree(text);
        } catch (Exception e) {
            throw new DecisionRefusedException("editedAction is not valid JSON");
        }
        if (!edited.isObject()) {
            throw new DecisionRefusedException("editedAction must be a JSON object");
        }
        ObjectNode merged = mapper.valueToTree(original);
        merged.setAll((ObjectNode) edited);
        if (!original.kind().equals(merged.path("kind").asText())) {
            throw new DecisionRefusedException("editedAction cannot change the kind of action; reject it instead");
        }
        JsonNode amount = merged.get("amount");
        if (amount != null && !amount.isNull() && (!amount.isNumber() || amount.decimalValue().signum() < 0)) {
            throw new DecisionRefusedException("editedAction.amount must be a number >= 0");
        }
        return merged;
    }

    private static void require(DelegateTask task, String name, String message) {
        String value = text(task.getVariable(name));
        if (value == null || value.isBlank()) {
            throw new DecisionRefusedException(message);
        }
    }

    /** Variables may arrive as String or as Spin JSON from the form or engine-rest. */
    private static String text(Object value) {
        return value == null ? null : value.toString();
    }
}
