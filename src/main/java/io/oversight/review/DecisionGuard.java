package io.oversight.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.escalation.AgentProposalProcess.Elements;
import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.escalation.ReviewSettings;
import io.oversight.proposal.ProposalJson;
import io.oversight.proposal.ProposalRecord;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalStore;
import io.oversight.proposal.ProposalType;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.Date;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Refuses a review completion that lacks what its decision needs or breaks an approval rule,
 * before the task completes: the engine rolls the completion back and the task stays open with
 * the message shown to the reviewer.
 */
@Component
class DecisionGuard {

    private static final Map<String, Set<String>> ALLOWED = Map.of(
            Elements.REVIEW_REPLY, Set.of("APPROVE", "EDIT", "REJECT", "REASSIGN", "REQUEST_INFO", "TAKE_OVER"),
            Elements.APPROVE_ACTION, Set.of("APPROVE", "EDIT", "REJECT", "REASSIGN", "REQUEST_INFO", "TAKE_OVER"),
            Elements.SECOND_APPROVAL, Set.of("APPROVE", "REJECT"),
            Elements.VETO_WINDOW, Set.of("APPROVE", "VETO"));

    private final ProposalStore store;
    private final ProposalJson json;
    private final ObjectMapper mapper;
    private final ReviewSettings settings;
    private final QueueProperties queues;

    DecisionGuard(ProposalStore store, ProposalJson json, ObjectMapper mapper, ReviewSettings settings,
            QueueProperties queues) {
        this.store = store;
        this.json = json;
        this.mapper = mapper;
        this.settings = settings;
        this.queues = queues;
    }

    /** The person completing the task and their groups. */
    record Reviewer(String id, Collection<String> groups) {}

    /** Checks the decision and records who took it; throws {@link DecisionRefusedException} when it may not stand. */
    void check(DelegateTask task, Reviewer reviewer) {
        String step = task.getTaskDefinitionKey();
        Set<String> allowed = ALLOWED.getOrDefault(step, Set.of());
        String decision = text(task.getVariable(ReviewVars.DECISION));
        if (decision == null || !allowed.contains(decision)) {
            throw new DecisionRefusedException("decision must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        ProposalRecord record = store.find((String) task.getVariable(Vars.PROPOSAL_ID)).orElseThrow();
        ProposalRequest proposal = json.request(record);
        switch (decision) {
            case "REJECT" -> require(task, ReviewVars.REVIEW_COMMENT, "REJECT needs a reviewComment telling the agent why");
            case "VETO" -> require(task, ReviewVars.REVIEW_COMMENT, "VETO needs a reviewComment saying why");
            case "REQUEST_INFO" -> {
                require(task, ReviewVars.INFO_REQUEST, "REQUEST_INFO needs infoRequest: the question to ask");
                require(task, ReviewVars.REVIEW_COMMENT, "REQUEST_INFO needs a reviewComment");
            }
            case "REASSIGN" -> checkReassign(task);
            case "EDIT" -> checkEdit(task, proposal);
            default -> { }
        }
        if (decision.equals("APPROVE") || decision.equals("EDIT")) {
            checkApprovalAuthority(task, reviewer, record, proposal);
        }
        task.setVariable(ReviewVars.DECIDED_BY, reviewer.id());
        task.setVariable(ReviewVars.DECIDED_GROUP, actingGroup(task, reviewer));
        if (decision.equals("EDIT")) {
            task.setVariable(ReviewVars.EDITED_BY, reviewer.id());
        }
        task.setVariable(ReviewVars.DECIDED_AT, new Date());
        if (!Elements.SECOND_APPROVAL.equals(step) && !decision.equals("REJECT")) {
            task.setVariable(ReviewVars.FIRST_APPROVER, reviewer.id());
        }
    }

    /** The queue the reviewer decided for: the first of the task's candidate groups they belong to. */
    private static String actingGroup(DelegateTask task, Reviewer reviewer) {
        return task.getCandidates().stream().map(link -> link.getGroupId())
                .filter(g -> g != null && reviewer.groups().contains(g)).findFirst()
                .orElse(reviewer.groups().stream().findFirst().orElse(null));
    }

    private void checkApprovalAuthority(DelegateTask task, Reviewer reviewer, ProposalRecord record, ProposalRequest proposal) {
        if (reviewer.id().equals(record.agentId()) || reviewer.id().equals(proposal.agent().id())) {
            throw new DecisionRefusedException("the agent's own account can never approve its proposal");
        }
        boolean secondApproval = Elements.SECOND_APPROVAL.equals(task.getTaskDefinitionKey());
        if (secondApproval && Objects.equals(reviewer.id(), task.getVariable(ReviewVars.FIRST_APPROVER))) {
            throw new DecisionRefusedException("four-eyes approval: " + reviewer.id()
                    + " already gave the first approval; a different person must give the second");
        }
        boolean releasesAction = proposal.type() == ProposalType.ACTION
                && (secondApproval || !"FOUR_EYES_APPROVAL".equals(task.getVariable(Vars.CONTROL_MODEL)));
        BigDecimal amount = approvedAmount(task, proposal);
        if (releasesAction && amount != null) {
            BigDecimal limit = settings.limitFor(reviewer.groups());
            if (limit != null && amount.compareTo(limit) > 0) {
                throw new DecisionRefusedException("approval limit: " + reviewer.id() + " may approve up to "
                        + limit.toPlainString() + ", this action moves " + amount.toPlainString());
            }
        }
    }

    private BigDecimal approvedAmount(DelegateTask task, ProposalRequest proposal) {
        if (proposal.action() == null) {
            return null;
        }
        Object finalAction = task.getVariable(ReviewVars.FINAL_ACTION);
        if (finalAction != null) {
            try {
                JsonNode amount = mapper.readTree(finalAction.toString()).get("amount");
                return amount == null || amount.isNull() ? null : amount.decimalValue();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return proposal.action().amount();
    }

    private void checkReassign(DelegateTask task) {
        require(task, ReviewVars.REASSIGN_TO, "REASSIGN needs reassignTo: the group to hand the case to");
        require(task, ReviewVars.REVIEW_COMMENT, "REASSIGN needs a reviewComment for the next reviewer");
        String target = text(task.getVariable(ReviewVars.REASSIGN_TO));
        if (!queues.groups().contains(target)) {
            throw new DecisionRefusedException("reassignTo must be one of " + String.join(", ", queues.groups()));
        }
        if (target.equals(task.getVariable(Vars.REVIEW_QUEUE))) {
            throw new DecisionRefusedException("the case is already in " + target);
        }
    }

    private void checkEdit(DelegateTask task, ProposalRequest original) {
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
            task.setVariable(ReviewVars.EDITED_ACTION_ORIGINAL, json.write(original.action()));
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
