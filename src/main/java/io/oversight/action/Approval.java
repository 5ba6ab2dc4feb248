package io.oversight.action;

import java.util.List;

/**
 * What was approved, bound to hashes. {@code approvalHash} is the SHA-256 of the canonical JSON of the
 * approved action (or reply): what the external task carries and an action system can recompute
 * (CONTRACT §5). {@code recordHash} binds that to the proposal, the rule and model versions and the
 * approvers.
 */
public record Approval(String proposalId, String approvedPayload, String approvalHash, List<String> approvers,
        Integer rulesVersion, Integer processVersion, String recordHash) {}
