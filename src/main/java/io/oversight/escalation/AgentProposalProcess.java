package io.oversight.escalation;

/** The backing class of processes/agent-proposal.bpmn: its key, element ids and variable names. */
public final class AgentProposalProcess {

    public static final String KEY = "agent-proposal";
    public static final String DECISION_KEY = "escalationRules";

    private AgentProposalProcess() {}

    /** Element ids of the model, as the tests and the audit refer to them. */
    public static final class Elements {
        public static final String START = "start_proposal_received";
        public static final String DETECT_SIGNALS = "task_detect_signals";
        public static final String EVALUATE_RULES = "rule_evaluate_escalation";
        public static final String ROUTE = "task_route_proposal";
        public static final String APPROVE_AUTOMATICALLY = "task_approve_automatically";
        public static final String REVIEW_REPLY = "user_review_reply";
        public static final String APPROVE_ACTION = "user_approve_action";
        public static final String SECOND_APPROVAL = "user_second_approval";
        public static final String RECORD_APPROVAL = "task_record_approval";
        public static final String RECORD_REJECTION = "task_record_rejection";
        public static final String EXECUTE_ACTION = "task_execute_action";
        public static final String MARK_EXECUTED = "task_mark_executed";
        public static final String END_REPLY_RELEASED = "end_reply_released";
        public static final String END_ACTION_EXECUTED = "end_action_executed";
        public static final String END_REJECTED = "end_rejected";

        private Elements() {}
    }

    /** Process variable names. */
    public static final class Vars {
        // the submission
        public static final String PROPOSAL_ID = "proposalId";
        public static final String PROPOSAL = "proposal";
        public static final String PROPOSAL_REQUEST = "proposalRequest"; // transient
        public static final String PROPOSAL_TYPE = "proposalType";
        // rule inputs (besides the six signal scores)
        public static final String WORKFLOW = "workflow";
        public static final String CHANNEL = "channel";
        public static final String SEGMENT = "segment";
        public static final String CONFIDENCE = "confidence";
        public static final String ACTION_KIND = "actionKind";
        public static final String AMOUNT = "amount";
        public static final String IRREVERSIBLE = "irreversible";
        public static final String POLICY_MODE = "policyMode";
        public static final String SIGNAL_REPORT = "signalReport"; // transient
        public static final String SIGNAL_DETAILS = "signalDetails";
        // rule results and routing
        public static final String RULE_HITS = "ruleHits";
        public static final String ESCALATE = "escalate";
        public static final String REASONS = "reasons";
        public static final String CONTROL_MODEL = "controlModel";
        public static final String REVIEW_QUEUE = "reviewQueue";
        public static final String REVIEW_PRIORITY = "reviewPriority";
        public static final String REVIEW_DUE_AT = "reviewDueAt";
        public static final String REVIEW_TASK_NAME = "reviewTaskName";
        public static final String SECOND_APPROVAL_TASK_NAME = "secondApprovalTaskName";
        // the action
        public static final String ACTION = "action";
        public static final String ACTION_TOPIC = "actionTopic";
        public static final String IDEMPOTENCY_KEY = "idempotencyKey";
        public static final String CUSTOMER = "customer";

        private Vars() {}
    }
}
