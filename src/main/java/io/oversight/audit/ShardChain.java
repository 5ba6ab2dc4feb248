package io.oversight.audit;

import io.oversight.audit.Verification.BrokenEntry;
import java.util.Optional;

/**
 * Walks one shard's entries in seq order and finds where its chain first breaks. Each entry must
 * have the next seq (else an entry before it was removed), carry the previous entry's hash as
 * prev_hash (else the previous entry was removed or replaced), and hash to its stored hash (else it
 * was changed). The head must match the chain's end (else entries at the end were removed).
 *
 * <p>The ledger may grow while it is checked, so the head is read twice: the head read before the
 * walk must match the entry at its seq; the head read after it must be at or beyond the last entry
 * walked, and match it when at it. Appends write an entry and move the head in one transaction, so
 * neither rule can fail on an intact ledger, however busy.
 */
final class ShardChain {

    private final int shard;
    private final LedgerHead before;
    private long nextSeq = 1;
    private String previousHash = LedgerHash.GENESIS;
    private LedgerEntry last;
    private BrokenEntry broken;
    private long entries;

    ShardChain(int shard, LedgerHead before) {
        this.shard = shard;
        this.before = before;
    }

    void accept(LedgerEntry entry) {
        entries++;
        if (broken == null) {
            check(entry).ifPresent(reason -> broken = at(entry, reason));
        }
        nextSeq = entry.seq() + 1;
        previousHash = entry.hash();
        last = entry;
    }

    private Optional<ChainBreak> check(LedgerEntry entry) {
        if (entry.seq() != nextSeq) {
            return Optional.of(ChainBreak.MISSING_ENTRY);
        }
        if (!entry.prevHash().equals(previousHash)) {
            return Optional.of(ChainBreak.BROKEN_LINK);
        }
        if (!entry.hashMatches()) {
            return Optional.of(ChainBreak.HASH_MISMATCH);
        }
        if (entry.seq() == before.lastSeq() && !entry.hash().equals(before.lastHash())) {
            return Optional.of(ChainBreak.HEAD_MISMATCH);
        }
        return Optional.empty();
    }

    /** The first break of this shard, once every entry was walked and the head read again. */
    Optional<BrokenEntry> firstBreak(LedgerHead after) {
        if (broken != null) {
            return Optional.of(broken);
        }
        long lastSeq = last == null ? 0 : last.seq();
        String lastHash = last == null ? LedgerHash.GENESIS : last.hash();
        boolean tailRemoved = lastSeq < before.lastSeq();
        boolean beyondHead = lastSeq > after.lastSeq();
        boolean headDiffers = lastSeq == after.lastSeq() && !lastHash.equals(after.lastHash());
        if (tailRemoved || beyondHead || headDiffers) {
            return Optional.of(last == null ? new BrokenEntry(null, shard, 0, ChainBreak.HEAD_MISMATCH.reason())
                    : at(last, ChainBreak.HEAD_MISMATCH));
        }
        return Optional.empty();
    }

    long entries() {
        return entries;
    }

    private BrokenEntry at(LedgerEntry entry, ChainBreak reason) {
        return new BrokenEntry(entry.id(), shard, entry.seq(), reason.reason());
    }
}
