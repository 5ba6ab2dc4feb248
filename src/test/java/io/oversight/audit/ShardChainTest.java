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
    private static final LedgerKeys KEYS = TestKeys.KEYS;

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
                third.type(), "mallory", third.details(), third.prevHash(), third.hash(), third.keyId()));

        assertThat(walk(chain, headAt(chain, 5), headAt(chain, 5))).contains(broken(third, "hash mismatch"));
    }

    @Test
    void changedEntrySealedAgainWithTheKeyBreaksTheNextLink() {
        List<LedgerEntry> chain = chain(5);
        LedgerEntry third = chain.get(2);
        chain.set(2, withId(third.id(), LedgerEntry.sealed(SHARD, 3, third.proposalId(), third.occurredAt(), third.type(),
                "mallory", third.details(), third.prevHash(), KEYS)));

        assertThat(walk(chain, headAt(chain, 5), headAt(chain, 5)))
                .contains(broken(chain.get(3), "broken link to previous entry"));
    }

    @Test
    void chainRewrittenWithPlainSha256FromAnEntryOnIsBrokenAtThatEntry() {
        List<LedgerEntry> chain = chain(5);
        List<LedgerEntry> forged = new ArrayList<>(chain.subList(0, 2));
        String prev = chain.get(1).hash();
        for (LedgerEntry e : chain.subList(2, 5)) {
            var unsealed = new LedgerEntry(e.id(), SHARD, e.seq(), e.proposalId(), e.occurredAt(), e.type(), "mallory",
                    e.details(), prev, null, null);
            LedgerEntry rewritten = new LedgerEntry(e.id(), SHARD, e.seq(), e.proposalId(), e.occurredAt(), e.type(),
                    "mallory", e.details(), prev, LedgerHash.unkeyed(unsealed), null);
            forged.add(rewritten);
            prev = rewritten.hash();
        }

        assertThat(walk(forged, headAt(forged, 5), headAt(forged, 5)))
                .contains(broken(forged.get(2), "unkeyed entry after the ledger was keyed"));
    }

    @Test
    void unkeyedEntriesUpToTheLegacyBoundaryVerify() {
        List<LedgerEntry> legacy = legacyChain(3);
        LedgerEntry keyed = withId(104L, LedgerEntry.sealed(SHARD, 4, "p-0", Instant.parse("2026-05-01T11:00:00Z"),
                "QUEUED", "system", "{}", legacy.get(2).hash(), KEYS));
        List<LedgerEntry> chain = new ArrayList<>(legacy);
        chain.add(keyed);

        assertThat(walk(chain, headAt(chain, 4), headAt(chain, 4), 3, null)).isEmpty();
        assertThat(walk(chain, headAt(chain, 4), headAt(chain, 4), 2, null))
                .contains(broken(chain.get(2), "unkeyed entry after the ledger was keyed"));
    }

    @Test
    void rewrittenLegacyEntriesBreakTheLinkOfTheFirstKeyedEntry() {
        List<LedgerEntry> legacy = legacyChain(3);
        LedgerEntry keyed = withId(104L, LedgerEntry.sealed(SHARD, 4, "p-0", Instant.parse("2026-05-01T11:00:00Z"),
                "QUEUED", "system", "{}", legacy.get(2).hash(), KEYS));
        List<LedgerEntry> forged = legacyChain(3, "mallory");
        forged.add(keyed);

        assertThat(walk(forged, headAt(forged, 4), headAt(forged, 4), 3, null))
                .contains(broken(keyed, "broken link to previous entry"));
    }

    @Test
    void rewrittenLegacyChainWithNoKeyedEntryIsFoundAgainstItsCheckpoint() {
        List<LedgerEntry> legacy = legacyChain(3);
        List<LedgerEntry> forged = legacyChain(3, "mallory");
        Checkpoint.Head checkpoint = new Checkpoint.Head(SHARD, 3, legacy.get(2).hash(), 3);

        assertThat(walk(legacy, headAt(legacy, 3), headAt(legacy, 3), 3, checkpoint)).isEmpty();
        assertThat(walk(forged, headAt(forged, 3), headAt(forged, 3), 3, checkpoint))
                .contains(broken(forged.get(2), "entry differs from its checkpoint"));
    }

    @Test
    void cutTailWithItsHeadResetIsFoundAgainstTheCheckpoint() {
        List<LedgerEntry> chain = chain(5);
        Checkpoint.Head checkpoint = new Checkpoint.Head(SHARD, 5, chain.get(4).hash(), 0);
        List<LedgerEntry> cut = chain.subList(0, 3);

        assertThat(walk(cut, headAt(cut, 3), headAt(cut, 3), 0, checkpoint))
                .contains(broken(cut.get(2), "head behind the last checkpoint (entries removed)"));
        assertThat(walk(List.of(), LedgerHead.empty(SHARD), LedgerHead.empty(SHARD), 0, checkpoint))
                .contains(new BrokenEntry(null, SHARD, 0, "head behind the last checkpoint (entries removed)"));
        assertThat(walk(chain, headAt(chain, 5), headAt(chain, 5), 0, checkpoint)).isEmpty();
    }

    @Test
    void entrySealedWithAnUnknownKeyIsNamed() {
        List<LedgerEntry> chain = chain(3);
        var other = new LedgerKeys("a-key-this-node-was-never-given-000000", List.of(), false);
        LedgerEntry third = chain.get(2);
        chain.set(2, withId(third.id(), LedgerEntry.sealed(SHARD, 3, third.proposalId(), third.occurredAt(),
                third.type(), third.actor(), third.details(), third.prevHash(), other)));

        assertThat(walk(chain, headAt(chain, 3), headAt(chain, 3)))
                .contains(broken(chain.get(2), "sealed with an unknown ledger key"));
    }

    @Test
    void extendingACheckpointChecksOnlyTheEntriesAfterIt() {
        List<LedgerEntry> chain = chain(5);
        Checkpoint.Head from = new Checkpoint.Head(SHARD, 3, chain.get(2).hash(), 0);
        ShardChain walk = ShardChain.after(from, headAt(chain, 5), KEYS);
        chain.subList(3, 5).forEach(walk::accept);

        assertThat(walk.firstBreak(headAt(chain, 5))).isEmpty();
        assertThat(walk.end()).isEqualTo(new Checkpoint.Head(SHARD, 5, chain.get(4).hash(), 0));
        ShardChain behind = ShardChain.after(from, headAt(chain, 2), KEYS);
        assertThat(behind.firstBreak(headAt(chain, 2))).isPresent();
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
        ShardChain walk = ShardChain.fromGenesis(SHARD, head, KEYS, 0, null);
        chain.forEach(walk::accept);

        assertThat(walk.firstBreak(head)).contains(broken(chain.get(1), "missing entry (gap in sequence)"));
        assertThat(walk.entries()).isEqualTo(4);
    }

    private static Optional<BrokenEntry> walk(List<LedgerEntry> entries, LedgerHead before, LedgerHead after) {
        return walk(entries, before, after, 0, null);
    }

    private static Optional<BrokenEntry> walk(List<LedgerEntry> entries, LedgerHead before, LedgerHead after,
            long legacySeq, Checkpoint.Head checkpoint) {
        ShardChain walk = ShardChain.fromGenesis(SHARD, before, KEYS, legacySeq, checkpoint);
        entries.forEach(walk::accept);
        return walk.firstBreak(after);
    }

    private static List<LedgerEntry> chain(int length) {
        List<LedgerEntry> chain = new ArrayList<>();
        String prev = LedgerHash.GENESIS;
        for (int seq = 1; seq <= length; seq++) {
            LedgerEntry sealed = LedgerEntry.sealed(SHARD, seq, "p-" + seq % 2, Instant.parse("2026-05-01T10:00:00Z")
                    .plusSeconds(seq), "QUEUED", "system", "{\"n\":" + seq + "}", prev, KEYS);
            chain.add(withId(100L + seq, sealed));
            prev = sealed.hash();
        }
        return chain;
    }

    /** Entries as written before the ledger was keyed: plain SHA-256, no key id. */
    private static List<LedgerEntry> legacyChain(int length) {
        return legacyChain(length, "system");
    }

    private static List<LedgerEntry> legacyChain(int length, String actor) {
        List<LedgerEntry> chain = new ArrayList<>();
        String prev = LedgerHash.GENESIS;
        for (int seq = 1; seq <= length; seq++) {
            var unsealed = new LedgerEntry(100L + seq, SHARD, seq, "p-0", Instant.parse("2026-04-01T10:00:00Z")
                    .plusSeconds(seq), "QUEUED", actor, "{}", prev, null, null);
            LedgerEntry entry = new LedgerEntry(unsealed.id(), SHARD, seq, unsealed.proposalId(), unsealed.occurredAt(),
                    unsealed.type(), actor, "{}", prev, LedgerHash.unkeyed(unsealed), null);
            chain.add(entry);
            prev = entry.hash();
        }
        return chain;
    }

    private static LedgerEntry withId(Long id, LedgerEntry e) {
        return new LedgerEntry(id, e.shard(), e.seq(), e.proposalId(), e.occurredAt(), e.type(), e.actor(), e.details(),
                e.prevHash(), e.hash(), e.keyId());
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
