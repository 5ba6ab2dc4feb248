package io.oversight.metrics;

import java.util.List;
import java.util.Map;

/**
 * The owner's figures for one window {@code [from, to)} (CONTRACT §3, {@code GET /api/v1/metrics}).
 * "In the window" means: by {@code created_at} for submissions, by {@code decided_at} for decisions,
 * by {@code qa_at} for QA reviews. A "human decision" is a final decision whose {@code decided_by}
 * is a person, not {@code system:…} (rules or a veto window that closed). Rates are ratios 0..1
 * rounded to 4 decimals and 0.0 when their denominator is 0 — except {@code reviewerAgreement},
 * which is null without blind reviews. Durations are seconds rounded to milliseconds, null when
 * nothing was measured.
 *
 * @param proposals proposals created in the window
 * @param escalated of those, the ones escalated to a person
 * @param escalationRate escalated / proposals
 * @param queues per review queue: open work now, and SLA breaches of the window's escalations
 * @param approvalTimeSeconds escalated proposals decided by a person in the window: created → decided
 * @param overrideRate human decisions in the window that overrode the agent — EDIT, REJECT or VETO (a veto is a
 *        rejection in a veto window) — / human decisions; TAKE_OVER counts in the denominator only
 * @param editRate human EDIT decisions / human decisions
 * @param rejectionRate human REJECT or VETO decisions / human decisions
 * @param falseEscalationRate escalations a person approved unchanged (APPROVE) / human decisions on escalations
 * @param missedEscalationRate post-action audits in the window with verdict SHOULD_HAVE_ESCALATED / all
 *        post-action audits in the window (sampled automatic approvals a person should have seen)
 * @param customerWaitSeconds escalated proposals decided in the window by anyone (a person, or a veto window
 *        closing): created → decided — how long the customer waited for the outcome
 * @param sensitiveActionsApprovedByRole escalated ACTIONs a person approved (APPROVE or EDIT) in the window, by the
 *        group the person decided for ({@code decided_group}; "unknown" where none was recorded)
 * @param reviewerLoad per person: final decisions in the window, and review tasks assigned to them now
 * @param qaIncidents QA reviews in the window with verdict QUALITY_ISSUE or SHOULD_HAVE_ESCALATED
 * @param reviewerAgreement blind second reviews in the window whose decision matched the first person's
 *        (a VETO matches REJECT) / blind reviews in the window; null when there were none
 */
public record OversightMetrics(
        long proposals,
        long escalated,
        double escalationRate,
        List<QueueFigures> queues,
        ApprovalTime approvalTimeSeconds,
        double overrideRate,
        double editRate,
        double rejectionRate,
        double falseEscalationRate,
        double missedEscalationRate,
        CustomerWait customerWaitSeconds,
        Map<String, Long> sensitiveActionsApprovedByRole,
        List<ReviewerLoad> reviewerLoad,
        long qaIncidents,
        Double reviewerAgreement) {

    /**
     * One review queue; listed when it has open work now or escalations created in the window.
     *
     * @param open proposals waiting in the queue now: PENDING_REVIEW or AWAITING_INFORMATION
     * @param oldestWaitSeconds now − created_at of the oldest open proposal, whole seconds; 0 when none is open
     * @param slaBreached of the window's escalated proposals in this queue: decided by a person after their due
     *        date, or still open past it (a veto window proceeding at its due date is no breach)
     */
    public record QueueFigures(String queue, long open, long oldestWaitSeconds, long slaBreached) {}

    /** Average, median and 90th percentile (continuous, interpolated) in seconds; null without decisions. */
    public record ApprovalTime(Double avg, Double p50, Double p90) {}

    /** Average and 90th percentile (continuous, interpolated) in seconds; null without decisions. */
    public record CustomerWait(Double avg, Double p90) {}

    /**
     * @param decided final decisions this person took in the window
     * @param open review tasks (agent-proposal process) assigned to this person now
     */
    public record ReviewerLoad(String reviewer, long decided, long open) {}
}
