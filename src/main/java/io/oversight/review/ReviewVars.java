package io.oversight.review;

/**
 * The decision variables a review task is completed with (CONTRACT §4): the only variables a
 * completion may carry. What the decision means for the process is stored by the guard as a
 * {@link DecisionState}, never as process variables.
 */
public final class ReviewVars {

    public static final String DECISION = "decision";
    public static final String EDITED_REPLY = "editedReply";
    public static final String EDITED_ACTION = "editedAction";
    public static final String REVIEW_COMMENT = "reviewComment";
    public static final String REASSIGN_TO = "reassignTo";
    public static final String INFO_REQUEST = "infoRequest";
    public static final String HUMAN_REPLY = "humanReply";

    private ReviewVars() {}
}
