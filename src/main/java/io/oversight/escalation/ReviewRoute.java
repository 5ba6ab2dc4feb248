package io.oversight.escalation;

import io.oversight.audit.AuditEventType;
import io.oversight.audit.AuditLog;
import io.oversight.customer.CustomerMessages;
import io.oversight.customer.CustomerMessages.Situation;
import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalDocument.Reason;
import io.oversight.proposal.ProposalDocument.Review;
import io.oversight.proposal.ProposalJson;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalStatus;
import io.oversight.proposal.ProposalStore;
import io.oversight.proposal.ProposalType;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * Turns the fired rules of an escalated proposal into its review: queue, priority, due date and
 * control model; stores it PENDING_REVIEW with its reasons and the customer's holding message, and
 * returns the review context the agent-proposal process starts with.
 */
@Component
class ReviewRoute {

    private final ProposalStore store;
    private final ProposalJson json;
    private final CustomerMessages customerMessages;
    private final ReviewSettings settings;
    private final AuditLog audit;
    private final EscalationFacts facts;

    ReviewRoute(ProposalStore store, ProposalJson json, CustomerMessages customerMessages, ReviewSettings settings,
            AuditLog audit, EscalationFacts facts) {
        this.store = store;
        this.json = json;
        this.customerMessages = customerMessages;
        this.settings = settings;
        this.audit = audit;
        this.facts = facts;
    }

    VariableMap route(String proposalId, Judgement judgement) {
        ProposalRequest request = judgement.request();
        Verdict verdict = judgement.verdict();
        List<Reason> reasons = ReasonDetails.explain(verdict, request, judgement.signalDetails());
        facts.record(proposalId, reasons.stream().map(Reason::code).toList(), judgement.rulesVersion(),
                request.sourcesOrEmpty());
        RuleHit primary = verdict.primary();
        Instant now = Instant.now();
        Duration sla = Duration.ofMinutes(verdict.slaMinutes());
        Instant dueAt = now.plus(sla);
        Instant warnAt = now.plusMillis(Math.round(sla.toMillis() * settings.slaWarningShare()));
        String headline = ReviewContext.headline(request, primary.reason());

        VariableMap vars = Variables.createVariables()
                .putValueTyped(Vars.PROPOSAL, SpinValues.jsonValue(json.write(request)).create())
                .putValue(Vars.REVIEW_PRIORITY, primary.priority())
                .putValue(Vars.REVIEW_DUE_AT, Date.from(dueAt))
                .putValue(Vars.SLA_WARNING_AT, Date.from(warnAt))
                .putValue(Vars.PRIMARY_REASON, primary.reason())
                .putValue(Vars.CUSTOMER_NAME, ReviewContext.customerName(request))
                .putValue(Vars.REASON_CODES, String.join(", ", reasons.stream().map(Reason::code).toList()))
                .putValueTyped(Vars.REASONS, SpinValues.jsonValue(json.write(reasons)).create())
                .putValueTyped(ReviewDecisions.DECISION_OPTIONS,
                        SpinValues.jsonValue(json.write(ReviewDecisions.optionsFor(verdict.controlModel()))).create());
        String actionJson = request.type() == ProposalType.ACTION ? json.write(request.action()) : null;
        vars.putAll(ReviewContext.formVariables(request, reasons, headline, actionJson));

        Review review = new Review(primary.queue(), primary.priority(), dueAt, verdict.controlModel(), null);
        audit.record(proposalId, AuditEventType.QUEUED, "system", AuditLog.details("queue", primary.queue(),
                "priority", primary.priority(), "dueAt", dueAt.toString(), "controlModel", verdict.controlModel()));
        store.update(proposalId, ProposalChange.status(ProposalStatus.PENDING_REVIEW)
                .withEscalation(json.write(reasons)).withReview(json.write(review), review)
                .withCustomerMessage(customerMessages.message(Situation.PENDING, request.channelOrDefault(),
                        primary.reason(), ReviewContext.customerName(request), primary.queue(), verdict.slaMinutes())));
        return vars;
    }
}
