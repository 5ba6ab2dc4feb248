package io.oversight.audit;

/**
 * The answer of {@code GET /api/v1/audit/verify}.
 *
 * @param valid            every chain intact, sealed with a configured key, reaching its last checkpoint,
 *                         every head at its chain's end, and the checkpoint file sound
 * @param entries          entries checked, across all shards
 * @param firstBrokenEntry where the ledger first stops being trustworthy, or null when no entry is
 * @param checkpoints      what the checkpoint file outside the database holds for this ledger
 */
record Verification(boolean valid, long entries, BrokenEntry firstBrokenEntry, Checkpoints checkpoints) {

    /**
     * A broken entry.
     *
     * @param id     the entry's id; for a head or checkpoint mismatch the shard's last remaining
     *               entry, null when the shard has no entry left
     * @param shard  its shard
     * @param seq    its seq in the shard (the seq the chain ends at when no entry is left)
     * @param reason one of the {@link ChainBreak} reasons
     */
    record BrokenEntry(Long id, int shard, long seq, String reason) {}

    /**
     * The checkpoints the chains were held against.
     *
     * @param lines   lines in the checkpoint file (of every ledger that shares it)
     * @param latest  when this ledger was last checkpointed, or null if never
     * @param problem a line that is not a sound checkpoint (changed, removed, unknown key), or a
     *                legacy boundary moved in the database; null when there is none
     */
    record Checkpoints(int lines, String latest, String problem) {}
}
