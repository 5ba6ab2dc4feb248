package io.oversight.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import io.oversight.proposal.ProposalDocument;
import io.oversight.proposal.ProposalType;
import java.util.stream.Collectors;

/** One paragraph a model can act on: the status, why, what to tell the customer, and whether to wait. */
final class ProposalSummary {

    private ProposalSummary() {}

    static String of(ProposalDocument p) {
        String subject = "Proposal " + p.id() + " (" + p.type() + ") is " + p.status() + ". ";
        return subject + switch (p.status()) {
            case APPROVED -> approved(p);
            case EDITED -> edited(p);
            case REJECTED -> "A person rejected it: " + (p.type() == ProposalType.REPLY ? "do not send the reply" : "do not run the action")
                    + comment(p.outcome()) + " Tell the customer something else or ask for guidance.";
            case PENDING_REVIEW -> "A person must decide before anything " + (p.type() == ProposalType.REPLY ? "is sent" : "is done")
                    + reasons(p) + queue(p) + tellCustomer(p) + waitFor(p);
            case AWAITING_INFORMATION -> "The reviewer asks: \"" + text(p.outcome(), "infoRequest")
                    + "\". Answer with answer_information_request {id: \"" + p.id() + "\", text}." + tellCustomer(p);
            case TAKEN_OVER -> "A person now owns this conversation: stop answering in it." + comment(p.outcome());
            case EXECUTED -> "The action system executed the approved action; tell the customer it is done.";
            case EXECUTION_FAILED -> "The approved action failed in the action system and operators see the incident; "
                    + "tell the customer it is delayed and do not retry it yourself.";
            case SUBMITTED -> "It is still being judged." + waitFor(p);
        };
    }

    private static String approved(ProposalDocument p) {
        String by = p.escalated() ? "A person approved it as proposed" : "No trigger fired, so it is approved without review";
        return by + (p.type() == ProposalType.REPLY ? ": send the reply now." : ": the action system will run it; nothing to wait for.");
    }

    private static String edited(ProposalDocument p) {
        String reply = p.outcome() == null ? "" : text(p.outcome().path("reply"), "text");
        return p.type() == ProposalType.REPLY && !reply.isEmpty()
                ? "A person approved it with changes: send exactly this instead: \"" + reply + "\"." + comment(p.outcome())
                : "A person approved a changed action (see outcome.action); the action system runs that version."
                        + comment(p.outcome());
    }

    private static String reasons(ProposalDocument p) {
        if (p.reasons() == null || p.reasons().isEmpty()) {
            return ".";
        }
        return " (" + p.reasons().stream().map(r -> r.code() + (r.detail() == null ? "" : ": " + r.detail()))
                .collect(Collectors.joining("; ")) + ").";
    }

    private static String queue(ProposalDocument p) {
        return p.review() == null ? "" : " It waits in the " + p.review().queue() + " queue (" + p.review().controlModel()
                + ", due " + p.review().dueAt() + ").";
    }

    private static String tellCustomer(ProposalDocument p) {
        return p.customerMessage() == null ? "" : " Tell the customer: \"" + p.customerMessage() + "\"";
    }

    private static String waitFor(ProposalDocument p) {
        return " Do not act yet; wait for the decision with get_proposal {id: \"" + p.id() + "\", waitSeconds: 60}.";
    }

    private static String comment(JsonNode outcome) {
        String comment = text(outcome, "comment");
        return comment.isEmpty() ? "" : " Reviewer's comment: \"" + comment + "\".";
    }

    private static String text(JsonNode node, String field) {
        if (node == null || node.isNull() || node.path(field).isNull() || node.path(field).isMissingNode()) {
            return "";
        }
        return node.path(field).asText();
    }
}
