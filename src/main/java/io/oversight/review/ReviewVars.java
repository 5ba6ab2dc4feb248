package io.oversight.review;

/** Variables of the review tasks (CONTRACT §4) and what the guard records at completion. */
public final class ReviewVars {

    public static final String DECISION = "decision";
    public static final String EDITED_REPLY = "editedReply";
    public static final String EDITED_ACTION = "editedAction";
    /** The action as proposed, for the audit's before/after of an edit. */
    public static final String EDITED_ACTION_ORIGINAL = "proposedActionJson";
    public static final String REVIEW_COMMENT = "reviewComment";
    public static final String REASSIGN_TO = "reassignTo";
    public static final String INFO_REQUEST = "infoRequest";
    public static final String HUMAN_REPLY = "humanReply";
    public static final String DECIDED_BY = "decidedBy";
    public static final String DECIDED_AT = "decidedAt";
    public static final String DECIDED_GROUP = "decidedGroup";
    public static final String EDITED_BY = "editedBy";
    public static final String FIRST_APPROVER = "firstApprover";
    public static final String FINAL_REPLY = "finalReply";
    public static final String FINAL_ACTION = "finalAction";
    public static final String CHANGED = "changed";

    private ReviewVars() {}
}
