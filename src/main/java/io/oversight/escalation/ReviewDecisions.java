package io.oversight.escalation;

import java.util.List;

/** The decisions a reviewer can take per control model, as options for the review form. */
public final class ReviewDecisions {

    public static final String DECISION_OPTIONS = "decisionOptions";

    public record Option(String label, String value) {}

    private ReviewDecisions() {}

    static List<Option> optionsFor(String controlModel) {
        if (Verdict.REVIEW_BEFORE_SEND.equals(controlModel)) {
            return List.of(new Option("Approve and send", "APPROVE"), new Option("Edit, then send", "EDIT"),
                    new Option("Reject", "REJECT"));
        }
        return List.of(new Option("Approve the action", "APPROVE"), new Option("Change the action, then approve", "EDIT"),
                new Option("Reject", "REJECT"));
    }
}
