package io.oversight.audit;

/** Why a chain is broken at an entry, in the words {@code /api/v1/audit/verify} answers with. */
enum ChainBreak {
    HASH_MISMATCH("hash mismatch"),
    MISSING_ENTRY("missing entry (gap in sequence)"),
    BROKEN_LINK("broken link to previous entry"),
    HEAD_MISMATCH("head does not match last entry"),
    UNKEYED_ENTRY("unkeyed entry after the ledger was keyed"),
    UNKNOWN_KEY("sealed with an unknown ledger key"),
    CHECKPOINT_MISMATCH("entry differs from its checkpoint"),
    BEHIND_CHECKPOINT("head behind the last checkpoint (entries removed)");

    private final String reason;

    ChainBreak(String reason) {
        this.reason = reason;
    }

    String reason() {
        return reason;
    }
}
