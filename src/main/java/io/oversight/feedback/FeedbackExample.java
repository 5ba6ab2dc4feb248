package io.oversight.feedback;

import java.util.List;

/**
 * One labelled customer message in the signal model's training format (one JSON line each).
 *
 * @param text     the customer's latest message of the proposal's conversation
 * @param language ISO 639-1 code the detector recognised, null when it could not tell
 * @param labels   signal names, see {@code io.oversight.signals.Signals}; may be empty
 * @param source   the decision that produced it: {@code review:<DECISION>:<proposalId>} or
 *                 {@code qa:SHOULD_HAVE_ESCALATED:<proposalId>}
 */
record FeedbackExample(String text, String language, List<String> labels, String source) {

    FeedbackExample {
        labels = List.copyOf(labels);
    }
}
