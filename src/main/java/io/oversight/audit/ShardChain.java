package io.oversight.audit;

import io.oversight.audit.Checkpoint.Head;
import io.oversight.audit.Verification.BrokenEntry;
import java.util.Optional;

/**
 * Walks one shard's entries in seq order and finds where its chain first breaks. Each entry must
 * have the next seq (else an entry before it was removed), carry the previous entry's hash as
 * prev_hash (else the previous entry was removed or replaced), and carry the HMAC of its content
 * under a configured ledger key (else it was changed: without the key no one can seal it again). An
 * unkeyed entry (plain SHA-256, written before the ledger was keyed) is accepted only up to the
 * shard's legacy boundary. The head must match the chain's end (else entries at the end were
 * removed), and the chain must reach the last checkpoint written outside the database, with the
 * checkpointed hash (else the tail was cut and the head reset to match).
 *
 * <p>The ledger may grow while it is checked, so the head is read twice: the head read before the
 * walk must match the entry at its seq; the head read after it must be at or beyond the last entry
 * walked, and match it when at it. Appends write an entry and move the head in one transaction, so
 * neither rule can fail on an intact ledger, however busy. The checkpoint is read before both.
 */
final class ShardChain {

    private final int shard;
    private final LedgerHead before;
    private final LedgerKeys keys;
    private final long legacySeq;
    private final Head checkpoint;
    private long lastSeq;
    private String lastHash;
    private LedgerEntry last;
    private BrokenEntry broken;
    private long entries;

    private ShardChain(int shard, LedgerHead before, LedgerKeys keys, long legacySeq, Head checkpoint, long startSeq,
            String startHash) {
        this.shard = shard;
        this.before = before;
        this.keys = keys;
        this.legacySeq = legacySeq;
        this.checkpoint = checkpoint;
        this.lastSeq = startSeq;
        this.lastHash = startHash;
    }

    /** The whole chain from its first entry; checkpoint is the shard's last one, or null if none. */
    static ShardChain fromGenesis(int shard, LedgerHead before, LedgerKeys keys, long legacySeq, Head checkpoint) {
        return new ShardChain(shard, before, keys, legacySeq, checkpoint, 0, LedgerHash.GENESIS);
    }

    /** Only the entries after a checkpoint already trusted, which they must extend. */
    static ShardChain after(Head checkpoint, LedgerHead before, LedgerKeys keys) {
        return new ShardChain(checkpoint.shard(), before, keys, checkpoint.legacySeq(), checkpoint, checkpoint.seq(),
                checkpoint.hash());
    }

    void accept(LedgerEntry entry) {
        entries++;
        if (broken == null) {
            check(entry).ifPresent(reason -> broken = at(entry, reason));
        }
        lastSeq = entry.seq();
        lastHash = entry.hash();
        last = entry;
    }

    private Optional<ChainBreak> check(LedgerEntry entry) {
        if (entry.seq() != lastSeq + 1) {
            return Optional.of(ChainBreak.MISSING_ENTRY);
        }
        if (!entry.prevHash().equals(lastHash)) {
            return Optional.of(ChainBreak.BROKEN_LINK);
        }
        if (entry.keyId() == null && entry.seq() > legacySeq) {
            return Optional.of(ChainBreak.UNKEYED_ENTRY);
        }
        if (entry.keyId() != null && !keys.knows(entry.keyId())) {
            return Optional.of(ChainBreak.UNKNOWN_KEY);
        }
        if (!entry.hashMatches(keys)) {
            return Optional.of(ChainBreak.HASH_MISMATCH);
        }
        if (entry.seq() == before.lastSeq() && !entry.hash().equals(before.lastHash())) {
            return Optional.of(ChainBreak.HEAD_MISMATCH);
        }
        if (checkpoint != null && entry.seq() == checkpoint.seq() && !entry.hash().equals(checkpoint.hash())) {
            return Optional.of(ChainBreak.CHECKPOINT_MISMATCH);
        }
        return Optional.empty();
    }

    /** The first break of this shard, once every entry was walked and the head read again. */
    Optional<BrokenEntry> firstBreak(LedgerHead after) {
        if (broken != null) {
            return Optional.of(broken);
        }
        boolean tailRemoved = lastSeq < before.lastSeq();
        boolean beyondHead = lastSeq > after.lastSeq();
        boolean headDiffers = lastSeq == after.lastSeq() && !lastHash.equals(after.lastHash());
        if (tailRemoved || beyondHead || headDiffers) {
            return Optional.of(atEnd(ChainBreak.HEAD_MISMATCH));
        }
        if (checkpoint != null && lastSeq < checkpoint.seq()) {
            return Optional.of(atEnd(ChainBreak.BEHIND_CHECKPOINT));
        }
        return Optional.empty();
    }

    /** Where the walk ended: the last entry walked (its seq and hash), or where it started. */
    Head end() {
        return new Head(shard, lastSeq, lastHash, legacySeq);
    }

    long entries() {
        return entries;
    }

    private BrokenEntry atEnd(ChainBreak reason) {
        return last == null ? new BrokenEntry(null, shard, lastSeq, reason.reason()) : at(last, reason);
    }

    private BrokenEntry at(LedgerEntry entry, ChainBreak reason) {
        return new BrokenEntry(entry.id(), shard, entry.seq(), reason.reason());
    }
}
