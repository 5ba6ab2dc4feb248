package io.oversight.proposal;

/** REPLY: review before send. ACTION: approval before action. */
public enum ProposalType {
    REPLY,
    ACTION
}
