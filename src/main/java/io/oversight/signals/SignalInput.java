package io.oversight.signals;

import java.util.List;
import java.util.Map;

/**
 * What the detectors look at.
 *
 * @param type         proposal type, {@code "REPLY"} or {@code "ACTION"}
 * @param messages     the whole conversation, oldest first
 * @param proposedText the proposed reply text, or the action summary (may be null)
 * @param hasSources   whether the proposal cites retrieved sources
 * @param agentSignals the agent's own signal scores, 0..1 by signal name (may be null or partial)
 */
public record SignalInput(String type,
                          List<Message> messages,
                          String proposedText,
                          boolean hasSources,
                          Map<String, Double> agentSignals) {

    /** One conversation message; only role {@code "customer"} counts as customer language. */
    public record Message(String role, String text) {
    }
}
