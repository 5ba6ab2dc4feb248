package io.oversight.escalation;

import java.util.List;

/** The decisions a reviewer can take per control model, as options for the review form. */
public final class ReviewDecisions {

    public static final String DECISION_OPTIONS = "decisionOptions";

    public record Option(String label, String value) {}

    private ReviewDecisions() {}

    private static final List<Option> ROUTING = List.of(new Option("Reassign to another queue", "REASSIGN"),
            new Option("Ask for more information", "REQUEST_INFO"), new Option("Take over the conversation", "TAKE_OVER"));

    static List<Option> optionsFor(String controlModel) {
        if ("VETO_WINDOW".equals(controlModel)) {
            return List.of(new Option("Let it proceed now", "APPROVE"), new Option("Veto", "VETO"));
        }
        List<Option> options = new java.util.ArrayList<>();
        if (Verdict.REVIEW_BEFORE_SEND.equals(controlModel)) {
            options.addAll(List.of(new Option("Approve and send", "APPROVE"), new Option("Edit, then send", "EDIT"),
                    new Option("Reject", "REJECT")));
        } else {
            options.addAll(List.of(new Option("Approve the action", "APPROVE"),
                    new Option("Change the action, then approve", "EDIT"), new Option("Reject", "REJECT")));
        }
        options.addAll(ROUTING);
        return options;
    }

    /** The second approval of four eyes: approve or reject only. */
    public static List<Option> secondApprovalOptions() {
        return List.of(new Option("Approve", "APPROVE"), new Option("Reject", "REJECT"));
    }
}
