package io.oversight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.oversight.audit.Verification.BrokenEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The chain rules alone, on chains built in memory. */
class ShardChainTest {

    private static final int SHARD = 4;

    @Test
    void intactChainIsUnbroken() {
        List<LedgerEntry> chain = chain(5);

        assertThat(walk(chain, headAt(chain, 5), headAt(chain, 5))).isEmpty();
    }

    @Test
    void emptyShardWithGenesisHeadIsUnbroken() {
        assertThat(walk(List.of(), LedgerHead.empty(SHARD), LedgerHead.empty(SHARD))).isEmpty();
    }

    @Test
    void changedEntryIsAHashMismatch() {
        List<LedgerEntry> chain = chain(5);
        LedgerEntry third = chain.get(2);
        chain.set(2, new LedgerEntry(third.id(), SHARD, third.seq(), third.proposalId(), third.occurredAt(),
                third.type(), "mallory", third.details(), third.prevHash(), third.hash()));

        assertThat(walk(chain, headAt(chain, 5), headAt(chain, 5))).contains(broken(third, "hash mismatch"));
    }

    @Test
    void changedEntryWithRecomputedHashBreaksTheNextLink() {
        List<LedgerEntry> chain = chain(5);
        LedgerEntry third = chain.get(2);
        chain.set(2, LedgerEntry.sealed(SHARD, 3, third.proposalId(), third.occurredAt(), third.type(), "mallory",
                third.details(), third.prevHash()));

        assertThat(walk(chain, headAt(chain, 5), headAt(chain, 5)))
                .contains(broken(chain.get(3), "broken link to previous entry"));
    }

    @Test
    void removedMiddleEntryNamesTheEntryAfterTheGap() {
        List<LedgerEntry> chain = chain(5);
        LedgerEntry head = chain.get(4);
        chain.remove(2);

        assertThat(walk(chain, headOf(head), headOf(head)))
                .contains(broken(chain.get(2), "missing entry (gap in sequence)"));
    }

    @Test
    void removedFirstEntryIsAGap() {
        List<LedgerEntry> chain = chain(3);
        LedgerHead head = headAt(chain, 3);
        chain.remove(0);

        assertThat(walk(chain, head, head)).contains(broken(chain.get(0), "missing entry (gap in sequence)"));
    }

    @Test
    void removedLastEntryNamesTheEntryTheHeadNoLongerMatches() {
        List<LedgerEntry> chain = chain(5);
        LedgerHead head = headAt(chain, 5);
        chain.remove(4);

        assertThat(walk(chain, head, head)).contains(broken(chain.get(3), "head does not match last entry"));
    }

    @Test
    void shardWithEveryEntryRemovedHasNoEntryToName() {
        List<LedgerEntry> chain = chain(2);
        LedgerHead head = headAt(chain, 2);

        assertThat(walk(List.of(), head, head))
                .contains(new BrokenEntry(null, SHARD, 0, "head does not match last entry"));
    }

    @Test
    void entryBeyondTheHeadIsAHeadMismatch() {
        List<LedgerEntry> chain = chain(4);
        LedgerHead head = headAt(chain, 3);

        assertThat(walk(chain, head, head)).contains(broken(chain.get(3), "head does not match last entry"));
    }

    @Test
    void chainGrowingWhileCheckedIsUnbroken() {
        List<LedgerEntry> chain = chain(6);

        assertThat(walk(chain.subList(0, 5), headAt(chain, 3), headAt(chain, 6))).isEmpty();
    }

    @Test
    void onlyTheFirstBreakIsReportedButEveryEntryIsCounted() {
        List<LedgerEntry> chain = chain(6);
        LedgerHead head = headAt(chain, 6);
        chain.remove(4);
        chain.remove(1);
        ShardChain walk = new ShardChain(SHARD, head);
        chain.forEach(walk::accept);

        assertThat(walk.firstBreak(head)).contains(broken(chain.get(1), "missing entry (gap in sequence)"));
        assertThat(walk.entries()).isEqualTo(4);
    }

    private static Optional<BrokenEntry> walk(List<LedgerEntry> entries, LedgerHead before, LedgerHead after) {
        ShardChain walk = new ShardChain(SHARD, before);
        entries.forEach(walk::accept);
        return walk.firstBreak(after);
    }

    private static List<LedgerEntry> chain(int length) {
        List<LedgerEntry> chain = new ArrayList<>();
        String prev = LedgerHash.GENESIS;
        for (int seq = 1; seq <= length; seq++) {
            LedgerEntry sealed = LedgerEntry.sealed(SHARD, seq, "p-" + seq % 2, Instant.parse("2026-05-01T10:00:00Z")
                    .plusSeconds(seq), "QUEUED", "system", "{\"n\":" + seq + "}", prev);
            chain.add(new LedgerEntry(100L + seq, SHARD, seq, sealed.proposalId(), sealed.occurredAt(), sealed.type(),
                    sealed.actor(), sealed.details(), sealed.prevHash(), sealed.hash()));
            prev = sealed.hash();
        }
        return chain;
    }

    private static LedgerHead headAt(List<LedgerEntry> chain, int seq) {
        return headOf(chain.get(seq - 1));
    }

    private static LedgerHead headOf(LedgerEntry entry) {
        return new LedgerHead(SHARD, entry.seq(), entry.hash());
    }

    private static BrokenEntry broken(LedgerEntry entry, String reason) {
        return new BrokenEntry(entry.id(), SHARD, entry.seq(), reason);
    }
}
