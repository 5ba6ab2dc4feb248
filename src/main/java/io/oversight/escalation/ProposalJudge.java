package io.oversight.escalation;

import io.oversight.audit.AuditEventType;
import io.oversight.audit.AuditLog;
import io.oversight.escalation.AgentProposalProcess.Vars;
import io.oversight.policy.Policies;
import io.oversight.policy.Policy;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalType;
import io.oversight.signals.Signal;
import io.oversight.signals.SignalDetector;
import io.oversight.signals.SignalInput;
import io.oversight.signals.SignalReport;
import io.oversight.signals.Signals;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * Judges a proposal before any process starts: runs the signal detectors, evaluates the escalation
 * rules on the submission, the signals and the workflow's policy, and records RULES_EVALUATED (reasons,
 * rule version, model version, scores) in the caller's transaction.
 */
@Component
class ProposalJudge {

    static final String LANGUAGE_DETAIL = "language";

    private final SignalDetector detector;
    private final EscalationRules rules;
    private final Policies policies;
    private final ReviewSettings settings;
    private final AuditLog audit;

    ProposalJudge(SignalDetector detector, EscalationRules rules, Policies policies, ReviewSettings settings,
            AuditLog audit) {
        this.detector = detector;
        this.rules = rules;
        this.policies = policies;
        this.settings = settings;
        this.audit = audit;
    }

    Judgement judge(String proposalId, ProposalRequest request) {
        Policy policy = policies.effective(request.workflowOrDefault());
        SignalReport report = detector.detect(input(request));
        Map<String, Object> inputs = RuleInputs.of(request, policy.mode().name(), settings.currencies());
        inputs.putAll(report.scores());
        inputs.put(Vars.LANGUAGE_COVERED, report.languageCovered());
        EscalationRules.Evaluation evaluation = rules.evaluate(inputs);
        Verdict verdict = Verdict.of(evaluation.hits(), request.type());
        audit.record(proposalId, AuditEventType.RULES_EVALUATED, "system", AuditLog.details(
                "reasons", verdict.hits().stream().map(RuleHit::reason).toList(),
                "decision", AgentProposalProcess.DECISION_KEY, "decisionVersion", evaluation.version(),
                "signalModel", report.modelVersion(),
                "signals", scores(report),
                "decisionInstanceId", evaluation.decisionInstanceId()));
        return new Judgement(request, policy, details(report), verdict, evaluation.version(),
                evaluation.decisionInstanceId());
    }

    static SignalInput input(ProposalRequest r) {
        var messages = r.conversation().messages().stream()
                .map(m -> new SignalInput.Message(m.role(), m.text())).toList();
        String proposed = r.type() == ProposalType.REPLY ? r.reply().text() : r.action().summary();
        return new SignalInput(r.type().name(), messages, proposed, !r.sourcesOrEmpty().isEmpty(), r.signals());
    }

    /** The scores the trail records: every signal the rules read, in report order. */
    private static Map<String, Object> scores(SignalReport report) {
        Map<String, Object> scores = new LinkedHashMap<>();
        for (String signal : Signals.ALL) {
            scores.put(signal, report.score(signal));
        }
        return scores;
    }

    /** What made each signal score; the rules' cells decide which of them fire. */
    private static Map<String, String> details(SignalReport report) {
        Map<String, String> details = new LinkedHashMap<>();
        for (Signal signal : report.signals().values()) {
            if (signal.score() > 0.0) {
                details.put(signal.name(), signal.detail());
            }
        }
        if (report.notJudged() != null) {
            details.put(LANGUAGE_DETAIL, report.notJudged());
        } else if (!report.languageCovered()) {
            details.put(LANGUAGE_DETAIL, "the customer writes in language '" + report.language()
                    + "', which the signal detectors do not cover");
        }
        return details;
    }
}
