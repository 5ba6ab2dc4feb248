package io.oversight.policy;

import java.time.Instant;

/** The owner's controls for one workflow (CONTRACT §3). */
public record Policy(String workflow, Mode mode, double qaSampleRate, String updatedBy, Instant updatedAt) {

    public static final String DEFAULT_WORKFLOW = "default";

    public enum Mode {
        /** The rules decide (the default). */
        EXCEPTIONS_ONLY,
        /** Every proposal goes to a person. */
        MANDATORY_REVIEW,
        /** Automation paused: every proposal waits for a person, reason AUTOMATION_PAUSED. */
        PAUSED
    }
}
