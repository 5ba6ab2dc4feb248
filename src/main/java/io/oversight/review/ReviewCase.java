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

    ReviewCase(ProposalStore store, ProposalJson json, CustomerMessages messages, AuditLog audit) {
        this.audit = audit;
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

    String group(VariableScope scope) {
        return (String) scope.getVariable(ReviewVars.DECIDED_GROUP);
    }

    /** Who decided and when, as the guard recorded it at completion. */
    Outcome outcome(VariableScope scope, String decision, Outcome.ReplyText reply, String infoRequest) {
        return new Outcome(decision, reply, null, (String) scope.getVariable(ReviewVars.DECIDED_BY),
                ((Date) scope.getVariable(ReviewVars.DECIDED_AT)).toInstant(),
                (String) scope.getVariable(ReviewVars.REVIEW_COMMENT), false, infoRequest);
    }

    /** The holding message for the customer in the given situation, with the queue's current ETA. */
    String customerMessage(VariableScope scope, Situation situation, String queue) {
        Date due = (Date) scope.getVariable(Vars.REVIEW_DUE_AT);
        long minutesLeft = due == null ? 60 : Math.max(1, Duration.between(Instant.now(), due.toInstant()).toMinutes());
        return messages.message(situation, (String) scope.getVariable(Vars.CHANNEL),
                (String) scope.getVariable(Vars.PRIMARY_REASON), (String) scope.getVariable(Vars.CUSTOMER_NAME),
                queue, minutesLeft);
    }

    private static final List<String> BLIND_CONTEXT = List.of("reviewHeadline", "reasonsText", "conversationText",
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

    /** Appends a line to the notes reviewers see in the form. */
    static void note(VariableScope scope, String line) {
        Object before = scope.getVariable(Vars.INFORMATION_TEXT);
        String text = before == null || before.toString().isBlank() ? line : before + "\n\n" + line;
        scope.setVariable(Vars.INFORMATION_TEXT, text.length() > 3900 ? text.substring(text.length() - 3900) : text);
    }
}
