package io.oversight.escalation;

/** The backing class of processes/agent-proposal.bpmn: its key, element ids and variable names. */
public final class AgentProposalProcess {

    public static final String KEY = "agent-proposal";
    public static final String DECISION_KEY = "escalationRules";
    public static final String MESSAGE_INFORMATION_PROVIDED = "InformationProvided";
    /** Starts an instance that only releases a routine action the rules approved before any process. */
    public static final String MESSAGE_ROUTINE_ACTION_APPROVED = "RoutineActionApproved";

    private AgentProposalProcess() {}

    /** Element ids of the model, as the tests and the audit refer to them. */
    public static final class Elements {
        public static final String START_ESCALATED = "start_proposal_escalated";
        public static final String START_ROUTINE_ACTION = "start_routine_action";
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
        public static final String SUB_REVIEW = "sub_review";
        public static final String VETO_WINDOW = "user_veto_window";
        public static final String RECEIVE_INFORMATION = "receive_information";
        public static final String TIMER_SLA_WARNING = "timer_sla_warning";
        public static final String TIMER_SLA_BREACHED = "timer_sla_breached";
        public static final String TIMER_INFORMATION_OVERDUE = "timer_information_overdue";
        public static final String TIMER_VETO_WINDOW_CLOSED = "timer_veto_window_closed";
        public static final String END_TAKEN_OVER = "end_taken_over";
        public static final String END_VETOED = "end_vetoed";

        private Elements() {}
    }

    /**
     * The decision variables a review task is completed with (CONTRACT §4): the only variables a
     * completion may carry. What a decision means for the process is stored by the completion guard in
     * the product's tables, never as process variables.
     */
    public static final class DecisionVars {
        public static final String DECISION = "decision";
        public static final String EDITED_REPLY = "editedReply";
        public static final String EDITED_ACTION = "editedAction";
        public static final String REVIEW_COMMENT = "reviewComment";
        public static final String REASSIGN_TO = "reassignTo";
        public static final String INFO_REQUEST = "infoRequest";
        public static final String HUMAN_REPLY = "humanReply";

        private DecisionVars() {}
    }

    /** Process variable names. */
    public static final class Vars {
        // the submission
        public static final String PROPOSAL_ID = "proposalId";
        public static final String PROPOSAL = "proposal";
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
        public static final String LANGUAGE_COVERED = "languageCovered";
        // rule results and routing
        public static final String REASONS = "reasons";
        /**
         * The proposal's state as the product stored it, loaded (transient) at every deciding gateway:
         * escalate, proposalType, controlModel, queue, topic, decision. Never a persistent variable.
         */
        public static final String GATE = "gate";
        /** The version of escalationRules the engine evaluated for this proposal. */
        public static final String RULES_VERSION = "rulesVersion";
        public static final String REVIEW_PRIORITY = "reviewPriority";
        public static final String REVIEW_DUE_AT = "reviewDueAt";
        public static final String SLA_WARNING_AT = "slaWarningAt";
        public static final String INFORMATION_TIMEOUT = "informationTimeout";
        public static final String PRIMARY_REASON = "primaryReason";
        public static final String CUSTOMER_NAME = "customerName";
        public static final String REASON_CODES = "reasonCodes";
        public static final String INFORMATION_TEXT = "informationText";
        public static final String INFORMATION_ANSWER = "informationAnswer";
        /** Who answered, as the trail names them: agent:&lt;id&gt; or a reviewer's user id. */
        public static final String INFORMATION_ANSWERED_BY = "informationAnsweredBy";
        public static final String SLA_WARNED = "slaWarned";
        public static final String SLA_BREACHED = "slaBreached";
        // the action
        public static final String ACTION = "action";
        public static final String ACTION_TOPIC = "actionTopic";
        public static final String IDEMPOTENCY_KEY = "idempotencyKey";
        public static final String CUSTOMER = "customer";

        private Vars() {}
    }
}
