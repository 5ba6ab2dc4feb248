package io.oversight.escalation;

import io.oversight.audit.AuditEventType;
import io.oversight.audit.AuditLog;
import io.oversight.customer.CustomerMessages;
import io.oversight.signals.Signals;
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
import java.util.Map;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.spin.plugin.variable.SpinValues;
import org.springframework.stereotype.Component;

/**
 * Turns the fired rules into a route: whether a person must look, which queue, priority, due date
 * and control model; and for an escalation, the review context and the customer's holding message.
 */
@Component("routeProposal")
class RouteProposalDelegate implements JavaDelegate {

    private final ProposalRequests requests;
    private final ProposalStore store;
    private final ProposalJson json;
    private final CustomerMessages customerMessages;
    private final ReviewSettings settings;
    private final AuditLog audit;
    private final EvaluatedRules evaluatedRules;
    private final EscalationFacts facts;

    RouteProposalDelegate(ProposalRequests requests, ProposalStore store, ProposalJson json,
            CustomerMessages customerMessages, ReviewSettings settings, AuditLog audit, EvaluatedRules evaluatedRules,
            EscalationFacts facts) {
        this.facts = facts;
        this.audit = audit;
        this.evaluatedRules = evaluatedRules;
        this.requests = requests;
        this.store = store;
        this.json = json;
        this.customerMessages = customerMessages;
        this.settings = settings;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void execute(DelegateExecution execution) {
        ProposalRequest request = requests.of(execution);
        var rows = (List<Map<String, Object>>) execution.getVariable(Vars.RULE_HITS);
        Verdict verdict = Verdict.of(rows == null ? List.of() : rows, request.type());
        execution.setVariable(Vars.ESCALATE, verdict.escalate());
        String proposalId = (String) execution.getVariable(Vars.PROPOSAL_ID);
        int rulesVersion = evaluatedRules.version(execution);
        execution.setVariable(Vars.RULES_VERSION, rulesVersion);
        audit.record(proposalId, AuditEventType.RULES_EVALUATED, "system", AuditLog.details(
                "reasons", verdict.hits().stream().map(RuleHit::reason).toList(),
                "decision", AgentProposalProcess.DECISION_KEY, "decisionVersion", rulesVersion,
                "signalModel", execution.getVariable(Vars.SIGNAL_MODEL),
                "signals", signalScores(execution)));
        if (!verdict.escalate()) {
            return;
        }
        var signalDetails = (Map<String, String>) execution.getVariable(Vars.SIGNAL_DETAILS);
        List<Reason> reasons = ReasonDetails.explain(verdict, request, signalDetails == null ? Map.of() : signalDetails);
        facts.record(proposalId, reasons.stream().map(Reason::code).toList(), rulesVersion, request.sourcesOrEmpty());
        RuleHit primary = verdict.primary();
        Instant now = Instant.now();
        Duration sla = Duration.ofMinutes(verdict.slaMinutes());
        Instant dueAt = now.plus(sla);
        Instant warnAt = now.plusMillis(Math.round(sla.toMillis() * settings.slaWarningShare()));
        String headline = ReviewContext.headline(request, primary.reason());

        execution.setVariable(Vars.PROPOSAL, SpinValues.jsonValue(json.write(request)).create());
        execution.setVariable(Vars.REVIEW_PRIORITY, primary.priority());
        execution.setVariable(Vars.REVIEW_DUE_AT, Date.from(dueAt));
        execution.setVariable(Vars.SLA_WARNING_AT, Date.from(warnAt));
        execution.setVariable(Vars.INFORMATION_TIMEOUT, settings.informationTimeout().toString());
        execution.setVariable(Vars.PRIMARY_REASON, primary.reason());
        execution.setVariable(Vars.CUSTOMER_NAME, ReviewContext.customerName(request));
        execution.setVariable(Vars.REASON_CODES, String.join(", ", reasons.stream().map(Reason::code).toList()));
        execution.setVariable(Vars.REVIEW_TASK_NAME, headline);
        execution.setVariable(Vars.SECOND_APPROVAL_TASK_NAME, "Second approval (finance): " + headline);
        execution.setVariable(Vars.REASONS, SpinValues.jsonValue(json.write(reasons)).create());
        execution.setVariable(ReviewDecisions.DECISION_OPTIONS,
                SpinValues.jsonValue(json.write(ReviewDecisions.optionsFor(verdict.controlModel()))).create());
        String actionJson = request.type() == ProposalType.ACTION ? json.write(request.action()) : null;
        execution.setVariables(ReviewContext.formVariables(request, reasons, headline, actionJson));

        Review review = new Review(primary.queue(), primary.priority(), dueAt, verdict.controlModel(), null);
        audit.record(proposalId, AuditEventType.QUEUED, "system", AuditLog.details("queue", primary.queue(),
                "priority", primary.priority(), "dueAt", dueAt.toString(), "controlModel", verdict.controlModel()));
        store.update(proposalId, ProposalChange.status(ProposalStatus.PENDING_REVIEW)
                .withEscalation(json.write(reasons)).withReview(json.write(review), review)
                .withCustomerMessage(customerMessages.message(Situation.PENDING, request.channelOrDefault(),
                        primary.reason(), ReviewContext.customerName(request), primary.queue(), verdict.slaMinutes())));
    }

    private static Map<String, Object> signalScores(DelegateExecution execution) {
        Map<String, Object> scores = new java.util.LinkedHashMap<>();
        for (String signal : Signals.ALL) {
            scores.put(signal, execution.getVariable(signal));
        }
        return scores;
    }
}
