package io.oversight.audit;

/**
 * The answer of {@code GET /api/v1/audit/verify}.
 *
 * @param valid            every chain intact and every head at its chain's end
 * @param entries          entries checked, across all shards
 * @param firstBrokenEntry where the ledger first stops being trustworthy, or null when valid
 */
record Verification(boolean valid, long entries, BrokenEntry firstBrokenEntry) {

    /**
     * A broken entry.
     *
     * @param id     the entry's id; for a head mismatch the shard's last remaining entry, null when
     *               the shard has no entry left
     * @param shard  its shard
     * @param seq    its seq in the shard (0 for a head mismatch of a shard with no entry left)
     * @param reason one of the {@link ChainBreak} reasons
     */
    record BrokenEntry(Long id, int shard, long seq, String reason) {}
}
