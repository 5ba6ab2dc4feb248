package io.oversight.review;

import io.oversight.escalation.AgentProposalProcess.DecisionVars;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.escalation.AgentProposalProcess.Elements;
import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.escalation.ReviewSettings;
import io.oversight.proposal.ProposalDocument.Review;
import io.oversight.proposal.ProposalJson;
import io.oversight.proposal.ProposalRecord;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalStore;
import io.oversight.proposal.ProposalType;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.springframework.stereotype.Component;

/**
 * Refuses a review completion that lacks what its decision needs or breaks an approval rule,
 * before the task completes: the engine rolls the completion back and the task stays open with
 * the message shown to the reviewer. What stands is stored as the {@link DecisionState}: the
 * control model, queue, first approver and the proposal come from the product's tables, never
 * from process variables; an APPROVE approves exactly the proposal as submitted.
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
    private final DecisionStates states;

    DecisionGuard(ProposalStore store, ProposalJson json, ObjectMapper mapper, ReviewSettings settings,
            QueueProperties queues, DecisionStates states) {
        this.store = store;
        this.json = json;
        this.mapper = mapper;
        this.settings = settings;
        this.queues = queues;
        this.states = states;
    }

    /** The person completing the task and their groups. */
    record Reviewer(String id, Collection<String> groups) {}

    /** Validates the decision and stores it; throws {@link DecisionRefusedException} when it may not stand. */
    DecisionState check(DelegateTask task, Reviewer reviewer) {
        String step = task.getTaskDefinitionKey();
        Set<String> allowed = ALLOWED.getOrDefault(step, Set.of());
        String decision = text(task.getVariable(DecisionVars.DECISION));
        if (decision == null || !allowed.contains(decision)) {
            throw new DecisionRefusedException("decision must be one of " + String.join(", ", allowed.stream().sorted().toList()));
        }
        String proposalId = (String) task.getVariable(Vars.PROPOSAL_ID);
        ProposalRecord record = store.find(proposalId).orElseThrow();
        ProposalRequest proposal = json.request(record);
        Review review = json.read(record.review(), Review.class);
        switch (decision) {
            case "REJECT" -> require(task, DecisionVars.REVIEW_COMMENT, "REJECT needs a reviewComment telling the agent why");
            case "VETO" -> require(task, DecisionVars.REVIEW_COMMENT, "VETO needs a reviewComment saying why");
            case "REQUEST_INFO" -> {
                require(task, DecisionVars.INFO_REQUEST, "REQUEST_INFO needs infoRequest: the question to ask");
                require(task, DecisionVars.REVIEW_COMMENT, "REQUEST_INFO needs a reviewComment");
            }
            case "REASSIGN" -> checkReassign(task, review);
            default -> { }
        }
        DecisionState previous = Elements.SECOND_APPROVAL.equals(step) ? states.find(proposalId).orElseThrow(
                () -> new DecisionRefusedException("there is no first approval to confirm")) : null;
        Approved approved = approved(task, decision, proposal, previous);
        if (decision.equals("APPROVE") || decision.equals("EDIT")) {
            checkApprovalAuthority(step, reviewer, record, proposal, review, previous, approved);
        }
        String firstApprover = previous != null ? previous.firstApprover()
                : (decision.equals("APPROVE") || decision.equals("EDIT")) ? reviewer.id() : null;
        DecisionState state = new DecisionState(proposalId, step, decision, reviewer.id(), actingGroup(task, reviewer),
                Instant.now(), text(task.getVariable(DecisionVars.REVIEW_COMMENT)),
                decision.equals("REASSIGN") ? text(task.getVariable(DecisionVars.REASSIGN_TO)) : null,
                decision.equals("REQUEST_INFO") ? text(task.getVariable(DecisionVars.INFO_REQUEST)) : null,
                decision.equals("TAKE_OVER") ? text(task.getVariable(DecisionVars.HUMAN_REPLY)) : null,
                firstApprover, approved.edited(), approved.before(), approved.reply(), approved.action());
        states.save(state);
        return state;
    }

    /** What this decision would release: the proposal as submitted, the validated edit, or what the first approver approved. */
    private record Approved(boolean edited, String before, String reply, String action) {

        static final Approved NOTHING = new Approved(false, null, null, null);
    }

    private Approved approved(DelegateTask task, String decision, ProposalRequest proposal, DecisionState previous) {
        if (previous != null) {
            return decision.equals("APPROVE")
                    ? new Approved(previous.edited(), previous.editBefore(), previous.approvedReply(), previous.approvedAction())
                    : Approved.NOTHING;
        }
        boolean reply = proposal.type() == ProposalType.REPLY;
        String asSubmitted = reply ? proposal.reply().text() : json.write(proposal.action());
        return switch (decision) {
            case "APPROVE" -> reply ? new Approved(false, null, asSubmitted, null) : new Approved(false, null, null, asSubmitted);
            case "EDIT" -> reply ? new Approved(true, asSubmitted, editedReply(task, proposal), null)
                    : new Approved(true, asSubmitted, null, json.write(editedAction(task, proposal.action())));
            default -> Approved.NOTHING;
        };
    }

    /** The queue the reviewer decided for: the first of the task's candidate groups they belong to. */
    private static String actingGroup(DelegateTask task, Reviewer reviewer) {
        return task.getCandidates().stream().map(link -> link.getGroupId())
                .filter(g -> g != null && reviewer.groups().contains(g)).findFirst()
                .orElse(reviewer.groups().stream().findFirst().orElse(null));
    }

    private void checkApprovalAuthority(String step, Reviewer reviewer, ProposalRecord record, ProposalRequest proposal,
            Review review, DecisionState previous, Approved approved) {
        if (reviewer.id().equals(record.agentId()) || reviewer.id().equals(proposal.agent().id())) {
            throw new DecisionRefusedException("the agent's own account can never approve its proposal");
        }
        boolean secondApproval = Elements.SECOND_APPROVAL.equals(step);
        if (secondApproval && Objects.equals(reviewer.id(), previous.firstApprover())) {
            throw new DecisionRefusedException("four-eyes approval: " + reviewer.id()
                    + " already gave the first approval; a different person must give the second");
        }
        boolean fourEyes = review != null && "FOUR_EYES_APPROVAL".equals(review.controlModel());
        boolean releasesAction = proposal.type() == ProposalType.ACTION && (secondApproval || !fourEyes);
        if (!releasesAction) {
            return;
        }
        JsonNode action = read(approved.action());
        MoneyLimit limit = MoneyLimit.of(action);
        if (limit.amount() == null) {
            return;
        }
        BigDecimal max = settings.limitFor(reviewer.groups(), limit.currency());
        if (max != null && limit.amount().compareTo(max) > 0) {
            throw new DecisionRefusedException("approval limit: " + reviewer.id() + " may approve up to "
                    + max.toPlainString() + (limit.currency() == null ? "" : " " + limit.currency())
                    + ", this action moves " + limit.amount().toPlainString()
                    + (limit.currency() == null ? "" : " " + limit.currency()));
        }
    }

    /** The amount and currency an action moves. */
    private record MoneyLimit(BigDecimal amount, String currency) {

        static MoneyLimit of(JsonNode action) {
            JsonNode amount = action == null ? null : action.get("amount");
            JsonNode currency = action == null ? null : action.get("currency");
            return new MoneyLimit(amount == null || amount.isNull() ? null : amount.decimalValue(),
                    currency == null || currency.isNull() ? null : currency.asText());
        }
    }

    private JsonNode read(String text) {
        try {
            return text == null ? null : mapper.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void checkReassign(DelegateTask task, Review review) {
        require(task, DecisionVars.REASSIGN_TO, "REASSIGN needs reassignTo: the group to hand the case to");
        require(task, DecisionVars.REVIEW_COMMENT, "REASSIGN needs a reviewComment for the next reviewer");
        String target = text(task.getVariable(DecisionVars.REASSIGN_TO));
        if (!queues.groups().contains(target)) {
            throw new DecisionRefusedException("reassignTo must be one of " + String.join(", ", queues.groups()));
        }
        if (review != null && target.equals(review.queue())) {
            throw new DecisionRefusedException("the case is already in " + target);
        }
    }

    private static String editedReply(DelegateTask task, ProposalRequest original) {
        String edited = text(task.getVariable(DecisionVars.EDITED_REPLY));
        if (edited == null || edited.isBlank()) {
            throw new DecisionRefusedException("EDIT needs editedReply with the reply to send");
        }
        if (edited.equals(original.reply().text())) {
            throw new DecisionRefusedException("editedReply is unchanged; use APPROVE to send the reply as proposed");
        }
        return edited;
    }

    /** The reviewer's changes laid over the proposed action; the kind of action cannot change. */
    private JsonNode editedAction(DelegateTask task, ProposalRequest.Action original) {
        String text = text(task.getVariable(DecisionVars.EDITED_ACTION));
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
        if (merged.equals(mapper.valueToTree(original))) {
            throw new DecisionRefusedException("editedAction is unchanged; use APPROVE to run the action as proposed");
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
