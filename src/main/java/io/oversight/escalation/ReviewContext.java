package io.oversight.escalation;

import io.oversight.proposal.ProposalDocument.Reason;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalType;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The review context as plain-text variables for the Camunda Form. Everything a customer or agent
 * wrote is passed as text and shown in read-only text fields, never as HTML.
 */
final class ReviewContext {

    /** Camunda stores String variables in 4000 characters; longer context is cut with a note. */
    static final int MAX_TEXT = 3900;

    private ReviewContext() {}

    static String fit(String text) {
        if (text == null || text.length() <= MAX_TEXT) {
            return text;
        }
        return text.substring(0, MAX_TEXT) + "\n… (cut here; the full text is in the proposal variable)";
    }

    static Map<String, Object> formVariables(ProposalRequest r, List<Reason> reasons, String headline, String actionJson) {
        Map<String, Object> vars = new LinkedHashMap<>();
        vars.put("reviewHeadline", headline);
        vars.put("reasonsText", reasons.stream().map(x -> x.code() + ": " + x.detail()).collect(Collectors.joining("\n")));
        vars.put("conversationText", r.conversation().messages().stream()
                .map(m -> "[" + m.role() + (m.at() == null ? "" : " " + m.at()) + "] " + m.text())
                .collect(Collectors.joining("\n\n")));
        vars.put("customerText", customer(r.customer()));
        vars.put("sourcesText", r.sourcesOrEmpty().isEmpty() ? "(no sources were retrieved)"
                : r.sourcesOrEmpty().stream().map(ReviewContext::source).collect(Collectors.joining("\n\n")));
        vars.put("attemptedStepsText", r.attemptedStepsOrEmpty().isEmpty() ? "(none)"
                : r.attemptedStepsOrEmpty().stream().map(s -> "- " + s).collect(Collectors.joining("\n")));
        if (r.type() == ProposalType.REPLY) {
            vars.put("proposedReply", r.reply().text());
            vars.put("editedReply", r.reply().text());
        } else {
            vars.put("proposedActionText", action(r.action()));
            vars.put("editedAction", actionJson);
        }
        vars.replaceAll((name, value) -> fit((String) value));
        if (r.type() == ProposalType.REPLY && r.reply().text().length() > MAX_TEXT) {
            vars.remove("editedReply"); // too long to prefill without cutting it; the reviewer writes the edit
        }
        return vars;
    }

    static String customerName(ProposalRequest r) {
        return r.customer() == null ? null : r.customer().name();
    }

    static String headline(ProposalRequest r, String primaryReason) {
        String customer = customerName(r) == null ? "the customer" : customerName(r);
        if (r.type() == ProposalType.REPLY) {
            return "Review reply to " + customer + " — " + primaryReason;
        }
        ProposalRequest.Action a = r.action();
        String what = a.kind().toLowerCase(Locale.ROOT).replace('_', ' ');
        String amount = a.amount() == null ? "" : " of " + ReasonDetails.money(a);
        return "Approve " + what + amount + " for " + customer + " — " + primaryReason;
    }

    private static String customer(ProposalRequest.Customer c) {
        if (c == null) {
            return "(unknown customer)";
        }
        StringBuilder text = new StringBuilder();
        text.append(c.name() == null ? "(no name)" : c.name()).append(" (").append(c.id()).append(")\n");
        text.append("Segment: ").append(c.segment() == null ? "standard" : c.segment());
        if (c.attributes() != null) {
            c.attributes().forEach((k, v) -> text.append('\n').append(k).append(": ").append(v));
        }
        return text.toString();
    }

    private static String source(ProposalRequest.Source s) {
        return s.title() + (s.url() == null ? "" : " <" + s.url() + ">") + (s.excerpt() == null ? "" : "\n  " + s.excerpt());
    }

    private static String action(ProposalRequest.Action a) {
        StringBuilder text = new StringBuilder(a.kind());
        if (a.amount() != null) {
            text.append(' ').append(ReasonDetails.money(a));
        }
        text.append(a.isIrreversible() ? " (irreversible)" : " (reversible)");
        if (a.summary() != null) {
            text.append("\n").append(a.summary());
        }
        if (a.parameters() != null) {
            text.append("\nParameters: ").append(a.parameters().toString());
        }
        return text.toString();
    }
}
