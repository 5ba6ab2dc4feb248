package io.oversight.metrics;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One reason code over a window ({@code GET /api/v1/metrics/reasons}); a proposal with several
 * reasons counts under each. Decisions are final decisions by a person, as in {@link OversightMetrics}.
 *
 * @param reason the reason code, as in a proposal's {@code reasons[].code}
 * @param ruleVersion the escalationRules version that fired it; only in answers grouped by version
 * @param escalated escalated proposals created in the window with this reason
 * @param decided of the escalations with this reason, those a person decided in the window
 * @param approvedUnchanged decided APPROVE
 * @param edited decided EDIT
 * @param rejected decided REJECT or VETO
 * @param takenOver decided TAKE_OVER
 * @param overrideRate (edited + rejected) / decided
 * @param falseEscalationRate approvedUnchanged / decided
 * @param approvalTimeSeconds created → decided of the decided ones
 * @param missedByQa post-action audits in the window that found a missed escalation QA attributed to this
 *        reason ({@code missedReason}); under a version, of automatic approvals by that version
 */
public record ReasonFigures(
        String reason,
        @JsonInclude(JsonInclude.Include.NON_NULL) Integer ruleVersion,
        long escalated,
        long decided,
        long approvedUnchanged,
        long edited,
        long rejected,
        long takenOver,
        double overrideRate,
        double falseEscalationRate,
        Quantiles approvalTimeSeconds,
        long missedByQa) {}
