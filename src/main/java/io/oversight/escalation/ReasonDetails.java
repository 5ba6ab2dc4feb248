package io.oversight.escalation;

import io.oversight.proposal.ProposalDocument.Reason;
import io.oversight.proposal.ProposalRequest;
import io.oversight.signals.Signals;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Says, for each fired reason, what in this proposal made it fire. */
final class ReasonDetails {

    private ReasonDetails() {}

    static List<Reason> explain(Verdict verdict, ProposalRequest request, Map<String, String> signalDetails) {
        return verdict.hits().stream()
                .map(hit -> new Reason(hit.reason(), detail(hit.reason(), request, signalDetails)))
                .toList();
    }

    private static String detail(String reason, ProposalRequest r, Map<String, String> signals) {
        return switch (reason) {
            case "SECURITY_CONCERN" -> signals.getOrDefault(Signals.SECURITY_CONCERN,
                    "the action changes how the customer gets into their account");
            case "ANGRY_CUSTOMER" -> signals.getOrDefault(Signals.ANGER, "the customer is upset");
            case "CUSTOMER_REQUESTED_HUMAN" -> signals.getOrDefault(Signals.HUMAN_REQUESTED,
                    "the customer asked for a person");
            case "SENSITIVE_TOPIC" -> signals.getOrDefault(Signals.SENSITIVE_TOPIC,
                    "legal, medical or contract-specific topic");
            case "BILLING_DISPUTE" -> signals.getOrDefault(Signals.BILLING_DISPUTE, "the customer disputes a charge");
            case "MISSING_CONTEXT" -> signals.getOrDefault(Signals.MISSING_CONTEXT,
                    "reply states facts without any retrieved source");
            case "LANGUAGE_NOT_COVERED" -> signals.getOrDefault(ProposalJudge.LANGUAGE_DETAIL,
                    "the customer writes in a language the detectors do not cover");
            case "VIP_CUSTOMER" -> "customer segment is " + r.segmentOrDefault();
            case "LOW_CONFIDENCE" -> String.format(Locale.ROOT, "agent confidence is %.2f", r.agent().confidence());
            case "HIGH_VALUE" -> String.format(Locale.ROOT, "%s of %s", r.action().kind(), money(r.action()));
            case "RESTRICTED_ACTION" -> "action " + r.action().kind() + " needs a person's approval";
            case "IRREVERSIBLE_ACTION" -> "the action cannot be undone: " + nullToEmpty(r.action().summary());
            case "AUTOMATION_PAUSED" -> "automation is paused for workflow " + r.workflowOrDefault();
            case "SAMPLED_FOR_REVIEW" -> "workflow " + r.workflowOrDefault() + " has every proposal reviewed (MANDATORY_REVIEW)";
            default -> reason.toLowerCase(Locale.ROOT).replace('_', ' ');
        };
    }

    static String money(ProposalRequest.Action action) {
        if (action.amount() == null) {
            return "no amount";
        }
        return String.format(Locale.ROOT, "%.2f %s", action.amount(), nullToEmpty(action.currency())).trim();
    }

    private static String nullToEmpty(String text) {
        return text == null ? "" : text;
    }
}
