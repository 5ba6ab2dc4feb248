package io.oversight.review;

import io.oversight.audit.AuditEventType;
import io.oversight.audit.AuditLog;
import io.oversight.customer.CustomerMessages;
import java.util.List;
import java.util.Map;
import io.oversight.customer.CustomerMessages.Situation;
import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.proposal.Outcome;
import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalDocument.Review;
import io.oversight.proposal.ProposalJson;
import io.oversight.proposal.ProposalRecord;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.camunda.bpm.engine.delegate.VariableScope;
import org.springframework.stereotype.Component;

/** The proposal behind a review step: reads it and writes its document parts for the delegates. */
@Component
class ReviewCase {

    private final ProposalStore store;
    private final ProposalJson json;
    private final CustomerMessages messages;
    private final AuditLog audit;
    private final DecisionStates decisions;

    ReviewCase(ProposalStore store, ProposalJson json, CustomerMessages messages, AuditLog audit, DecisionStates decisions) {
        this.audit = audit;
        this.decisions = decisions;
        this.store = store;
        this.json = json;
        this.messages = messages;
    }

    String id(VariableScope scope) {
        return (String) scope.getVariable(Vars.PROPOSAL_ID);
    }

    ProposalRecord record(VariableScope scope) {
        return store.find(id(scope)).orElseThrow();
    }

    ProposalRequest request(VariableScope scope) {
        return json.request(record(scope));
    }

    Review review(VariableScope scope) {
        return json.read(record(scope).review(), Review.class);
    }

    void update(VariableScope scope, ProposalChange change) {
        store.update(id(scope), change);
    }

    void audit(VariableScope scope, AuditEventType type, String actor, Map<String, Object> details) {
        audit.record(id(scope), type, actor, details);
    }

    String write(Object value) {
        return json.write(value);
    }

    /** The decision as the guard validated and stored it at completion; never read from process variables. */
    DecisionState decision(VariableScope scope) {
        return decisions.find(id(scope)).orElseThrow(() -> new IllegalStateException("No validated decision for " + id(scope)));
    }

    /** The queue the proposal is in, as the product recorded it. */
    String queue(VariableScope scope) {
        Review review = review(scope);
        return review == null ? null : review.queue();
    }

    /** Who decided and when, as the guard recorded it at completion. */
    static Outcome outcome(DecisionState d, String decision, Outcome.ReplyText reply, String infoRequest) {
        return new Outcome(decision, reply, null, d.decidedBy(), d.decidedAt(), d.reviewComment(), false, infoRequest);
    }

    /** The holding message for the customer in the given situation, with the queue's current ETA. */
    String customerMessage(VariableScope scope, Situation situation, String queue) {
        Date due = (Date) scope.getVariable(Vars.REVIEW_DUE_AT);
        long minutesLeft = due == null ? 60 : Math.max(1, Duration.between(Instant.now(), due.toInstant()).toMinutes());
        return messages.message(situation, (String) scope.getVariable(Vars.CHANNEL),
                (String) scope.getVariable(Vars.PRIMARY_REASON), (String) scope.getVariable(Vars.CUSTOMER_NAME),
                queue, minutesLeft);
    }

    /** The case's one-line headline (form, QA task name, review task names). */
    static final String HEADLINE = "reviewHeadline";

    private static final List<String> BLIND_CONTEXT = List.of(HEADLINE, "reasonsText", "conversationText",
            "customerText", "sourcesText", "attemptedStepsText", "proposedReply", "proposedActionText",
            Vars.PROPOSAL_TYPE);

    /** The case as the first reviewer saw it, without their decision, for a blind second review. */
    static Map<String, Object> blindContext(VariableScope scope) {
        Map<String, Object> context = new java.util.HashMap<>();
        for (String name : BLIND_CONTEXT) {
            Object value = scope.getVariable(name);
            if (value != null) {
                context.put(name, value);
            }
        }
        return context;
    }

    /** Input parameters of the model's SLA and hand-over steps: the policy is in the BPMN, not in Java. */
    static final String HAND_OVER_GROUP = "handOverGroup";
    static final String PRIORITY_STEP = "priorityStep";
    static final String MAX_PRIORITY = "maxPriority";

    /** The group the model hands a case to (input parameter handOverGroup of the step). */
    static String handOverGroup(VariableScope scope) {
        Object group = scope.getVariableLocal(HAND_OVER_GROUP);
        if (group == null || group.toString().isBlank()) {
            throw new IllegalStateException("The model gives this step no " + HAND_OVER_GROUP);
        }
        return group.toString();
    }

    /** A whole-number input parameter of the step. */
    static int number(VariableScope scope, String name) {
        Object value = scope.getVariableLocal(name);
        if (value == null) {
            throw new IllegalStateException("The model gives this step no " + name);
        }
        return value instanceof Number n ? n.intValue() : Integer.parseInt(value.toString().trim());
    }

    /** Appends a line to the notes reviewers see in the form. */
    static void note(VariableScope scope, String line) {
        Object before = scope.getVariable(Vars.INFORMATION_TEXT);
        String text = before == null || before.toString().isBlank() ? line : before + "\n\n" + line;
        scope.setVariable(Vars.INFORMATION_TEXT, text.length() > 3900 ? text.substring(text.length() - 3900) : text);
    }
}
