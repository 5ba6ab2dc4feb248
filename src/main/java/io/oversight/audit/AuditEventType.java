package io.oversight.audit;

/** The event types of the audit trail (CONTRACT §3), plus the owner's policy changes. */
public enum AuditEventType {
    PROPOSED,
    RULES_EVALUATED,
    QUEUED,
    CLAIMED,
    ASSIGNED,
    REASSIGNED,
    INFO_REQUESTED,
    INFO_PROVIDED,
    EDITED,
    DECIDED,
    VETOED,
    TAKEN_OVER,
    SLA_WARNING,
    SLA_BREACHED,
    ACTION_EXECUTED,
    ACTION_FAILED,
    QA_REVIEWED,
    CUSTOMER_NOTIFIED,
    POLICY_CHANGED
}
