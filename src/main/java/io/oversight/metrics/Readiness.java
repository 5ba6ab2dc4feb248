package io.oversight.metrics;

import java.time.Instant;

/**
 * Whether a workflow's reviews still change outcomes over a window, and what that suggests for its
 * policy. The policy itself only ever changes by a person's PUT.
 *
 * @param mode the workflow's policy mode now
 * @param qaSampleRate its share of automatic approvals sampled for post-action QA now
 * @param decisions final decisions by people in the window on the workflow's proposals
 * @param overrides of those, EDIT, REJECT or VETO
 * @param overrideRate overrides / decisions
 * @param overrideRateUpper95 the upper end of the 95 % Wilson score interval of the override rate, rounded up;
 *        1.0 without decisions
 * @param qaAudits post-action audits of the workflow's automatic approvals in the window
 * @param missedEscalations of those, the ones QA found should have gone to a person
 * @param missedEscalationRate missedEscalations / qaAudits
 * @param recommendation MOVE_TO_SAMPLED_QA, KEEP_REVIEW or RETURN_TO_REVIEW
 * @param suggestedQaSampleRate with MOVE_TO_SAMPLED_QA: enough audits to see minDecisions cases in a window of the
 *        same length (at least 0.01 and the current rate); null otherwise
 * @param reason the recommendation in words, with the figures that decided it
 */
public record Readiness(
        String workflow,
        String mode,
        double qaSampleRate,
        Instant from,
        Instant to,
        long decisions,
        long overrides,
        double overrideRate,
        double overrideRateUpper95,
        long qaAudits,
        long missedEscalations,
        double missedEscalationRate,
        int minDecisions,
        double maxOverrideRate,
        Recommendation recommendation,
        Double suggestedQaSampleRate,
        String reason) {

    public enum Recommendation { MOVE_TO_SAMPLED_QA, KEEP_REVIEW, RETURN_TO_REVIEW }

    /** The thresholds a recommendation is judged by. */
    record Thresholds(int minDecisions, double maxOverrideRate) {}
}
