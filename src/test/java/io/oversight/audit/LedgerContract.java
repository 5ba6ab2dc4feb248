package io.oversight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.oversight.audit.Verification.BrokenEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The ledger against a real database: tampering of the kind a database superuser could do behind
 * the product's back is found and named. Every test restores what it changed, and expects nothing
 * of the ledger beyond its own entries, since other tests may share the database.
 */
abstract class LedgerContract {

    @Autowired AuditLog audit;
    @Autowired LedgerVerifier verifier;
    @Autowired LedgerShards shards;
    @Autowired JdbcClient jdbc;
    @Autowired LedgerKeys keys;
    @Autowired LedgerCheckpoints checkpoints;

    @Test
    void intactLedgerIsValid() {
        String proposal = UUID.randomUUID().toString();
        long before = verifier.verify().entries();
        recordThree(proposal);
        audit.record(null, AuditEventType.POLICY_CHANGED, "lena", Map.of("mode", "PAUSED"));

        assertThat(checkpoints.checkpoint()).as("a checkpoint of the new heads").isPresent();

        Verification verification = verifier.verify();

        assertThat(verification.valid()).isTrue();
        assertThat(verification.firstBrokenEntry()).isNull();
        assertThat(verification.entries()).isGreaterThanOrEqualTo(before + 4);
        assertThat(verification.checkpoints().problem()).isNull();
        assertThat(verification.checkpoints().latest()).isNotNull();
        assertThat(entriesOf(proposal)).allSatisfy(e -> assertThat(e.keyId()).isEqualTo(keys.currentId()));
    }

    @Test
    void changedDetailsAreAHashMismatchAtThatEntry() {
        List<LedgerEntry> trail = recordThree(UUID.randomUUID().toString());
        LedgerEntry changed = trail.get(1);

        tampered(() -> jdbc.sql("update ovs_audit_event set details = ? where id = ?")
                        .params("{\"comment\":\"all fine\",\"decision\":\"APPROVE\"}", changed.id()).update(),
                () -> jdbc.sql("update ovs_audit_event set details = ? where id = ?")
                        .params(changed.details(), changed.id()).update(),
                at(changed, "hash mismatch"));
    }

    @Test
    void changedEntrySealedAgainWithTheKeyBreaksTheLinkOfTheNext() {
        List<LedgerEntry> trail = recordThree(UUID.randomUUID().toString());
        LedgerEntry changed = trail.get(1);
        LedgerEntry forged = LedgerEntry.sealed(changed.shard(), changed.seq(), changed.proposalId(),
                changed.occurredAt(), changed.type(), "mallory", changed.details(), changed.prevHash(),
                keys.forLedger(shards.ledgerId()));

        tampered(() -> jdbc.sql("update ovs_audit_event set actor = ?, hash = ? where id = ?")
                        .params(forged.actor(), forged.hash(), changed.id()).update(),
                () -> jdbc.sql("update ovs_audit_event set actor = ?, hash = ? where id = ?")
                        .params(changed.actor(), changed.hash(), changed.id()).update(),
                at(trail.get(2), "broken link to previous entry"));
    }

    @Test
    void superuserRewritingARowAndRecomputingTheChainWithPlainSha256IsFoundAtThatRow() {
        List<LedgerEntry> trail = recordThree(UUID.randomUUID().toString());
        LedgerEntry changed = trail.get(1);
        List<LedgerEntry> originals = fromSeqOn(changed);
        LedgerHead head = headOf(changed.shard());

        tampered(() -> rewriteChain(originals, (entry, prev) -> {
                    var unsealed = forgery(entry, prev, null, null);
                    return forgery(entry, prev, LedgerHash.unkeyed(unsealed), null);
                }), () -> restore(originals, head),
                at(changed, "unkeyed entry after the ledger was keyed"));
    }

    @Test
    void superuserResealingARowWithAGuessedKeyIsFoundAtThatRow() {
        List<LedgerEntry> trail = recordThree(UUID.randomUUID().toString());
        LedgerEntry changed = trail.get(1);
        List<LedgerEntry> originals = fromSeqOn(changed);
        LedgerHead head = headOf(changed.shard());
        var guessed = new LedgerKeys("what-an-attacker-guesses-the-key-is-0000", List.of(), false);

        tampered(() -> rewriteChain(originals, (entry, prev) -> {
                    var unsealed = forgery(entry, prev, null, keys.currentId());
                    String hmac = guessed.seal(LedgerHash.keyedForm(unsealed, keys.currentId()));
                    return forgery(entry, prev, hmac, keys.currentId());
                }), () -> restore(originals, head),
                at(changed, "hash mismatch"));
    }

    @Test
    void cutTailWithItsHeadResetIsFoundAgainstTheLastCheckpoint() {
        List<LedgerEntry> trail = recordThree(UUID.randomUUID().toString());
        LedgerEntry last = trail.get(2);
        LedgerEntry kept = trail.get(1);
        assertThat(lastOfShard(last.shard()).id()).as("the shard's last entry").isEqualTo(last.id());
        assertThat(checkpoints.checkpoint()).isPresent();

        tampered(() -> {
            delete(last);
            setHead(kept.shard(), kept.seq(), kept.hash());
        }, () -> {
            reinsert(last);
            setHead(last.shard(), last.seq(), last.hash());
        }, at(kept, "head behind the last checkpoint (entries removed)"));
    }

    @Test
    void changedOrRemovedCheckpointLineIsFound() throws Exception {
        recordThree(UUID.randomUUID().toString());
        assertThat(checkpoints.checkpoint()).isPresent();
        recordThree(UUID.randomUUID().toString());
        assertThat(checkpoints.checkpoint()).isPresent();
        recordThree(UUID.randomUUID().toString());
        assertThat(checkpoints.checkpoint()).isPresent();
        Path file = checkpoints.file();
        String original = Files.readString(file);
        List<String> lines = original.lines().toList();
        int n = lines.size();
        assertThat(verifier.verify().valid()).isTrue();

        String changedLine = lines.get(n - 1).replace("\"node\":\"", "\"node\":\"forged-");
        assertThat(changedLine).isNotEqualTo(lines.get(n - 1));
        checkFile(file, original, join(lines.subList(0, n - 1), changedLine),
                "checkpoint file line " + n + " does not match its seal (changed after it was written)");
        List<String> withoutOne = new java.util.ArrayList<>(lines);
        withoutOne.remove(n - 2);
        checkFile(file, original, join(withoutOne),
                "checkpoint file line " + (n - 1) + " does not follow the line before it (a line was removed, added or changed)");
    }

    @Test
    void unkeyedEntriesWrittenBeforeTheUpgradeVerifyUpToTheirCheckpointedBoundary() {
        int shard = 900 + (int) (Math.random() * 100);
        dropShard(shard);
        try {
            var first = legacy(shard, 1, LedgerHash.GENESIS, "system");
            var second = legacy(shard, 2, first.hash(), "lena");
            jdbc.sql("insert into ovs_ledger_legacy (shard, last_seq) values (?, 2)").param(shard).update();
            jdbc.sql("insert into ovs_ledger_head (shard, last_seq, last_hash) values (?, 2, ?)")
                    .params(shard, second.hash()).update();
            insert(first);
            insert(second);
            assertThat(verifier.verify().valid()).as("legacy entries verify").isTrue();
            assertThat(checkpoints.checkpoint()).isPresent();

            var forgedFirst = legacy(shard, 1, LedgerHash.GENESIS, "mallory");
            var forgedSecond = legacy(shard, 2, forgedFirst.hash(), "lena");
            long firstId = idOf(shard, 1);
            long secondId = idOf(shard, 2);
            tampered(() -> {
                rewrite(firstId, forgedFirst);
                rewrite(secondId, forgedSecond);
                setHead(shard, 2, forgedSecond.hash());
            }, () -> {
                rewrite(firstId, first);
                rewrite(secondId, second);
                setHead(shard, 2, second.hash());
            }, new BrokenEntry(secondId, shard, 2, "entry differs from its checkpoint"));

            jdbc.sql("update ovs_ledger_legacy set last_seq = 7 where shard = ?").param(shard).update();
            Verification moved = verifier.verify();
            assertThat(moved.valid()).isFalse();
            assertThat(moved.checkpoints().problem()).contains("legacy boundary of shard " + shard);
        } finally {
            dropShard(shard);
        }
    }

    @Test
    void removedMiddleEntryNamesTheEntryAfterTheGap() {
        List<LedgerEntry> trail = recordThree(UUID.randomUUID().toString());
        LedgerEntry removed = trail.get(1);

        tampered(() -> delete(removed), () -> reinsert(removed), at(trail.get(2), "missing entry (gap in sequence)"));
    }

    @Test
    void removedLastEntryOfAShardIsFoundAtTheHead() {
        List<LedgerEntry> trail = recordThree(UUID.randomUUID().toString());
        LedgerEntry last = trail.get(2);
        assertThat(lastOfShard(last.shard()).id()).as("the shard's last entry").isEqualTo(last.id());

        tampered(() -> delete(last), () -> reinsert(last), at(trail.get(1), "head does not match last entry"));
    }

    @Test
    void firstBrokenEntryIsTheEarliestWrittenAcrossShards() {
        List<LedgerEntry> earlier = recordThree(proposalOnShard(5));
        List<LedgerEntry> later = recordThree(proposalOnShard(2));

        tampered(() -> {
            delete(later.get(1));
            delete(earlier.get(1));
        }, () -> {
            reinsert(earlier.get(1));
            reinsert(later.get(1));
        }, at(earlier.get(2), "missing entry (gap in sequence)"));
    }

    /** Applies the tampering, expects verify to name the entry, then restores and expects a valid ledger. */
    private void tampered(Runnable tamper, Runnable restore, BrokenEntry expected) {
        assertThat(verifier.verify().valid()).as("valid before tampering").isTrue();
        tamper.run();
        try {
            Verification verification = verifier.verify();
            assertThat(verification.valid()).isFalse();
            assertThat(verification.firstBrokenEntry()).isEqualTo(expected);
        } finally {
            restore.run();
        }
        assertThat(verifier.verify().valid()).as("valid again once restored").isTrue();
    }

    private void checkFile(Path file, String original, String tamperedText, String problem) throws Exception {
        Files.writeString(file, tamperedText);
        try {
            Verification verification = verifier.verify();
            assertThat(verification.valid()).isFalse();
            assertThat(verification.checkpoints().problem()).isEqualTo(problem);
        } finally {
            Files.writeString(file, original);
        }
        assertThat(verifier.verify().valid()).as("valid again once the file is restored").isTrue();
    }

    private static String join(List<String> lines, String... more) {
        List<String> all = new java.util.ArrayList<>(lines);
        all.addAll(List.of(more));
        return String.join("\n", all) + "\n";
    }

    /** This entry and every later one of its shard, as stored. */
    private List<LedgerEntry> fromSeqOn(LedgerEntry entry) {
        return jdbc.sql("select " + LedgerEntry.COLUMNS + " from ovs_audit_event where shard = ? and seq >= ? order by seq")
                .params(entry.shard(), entry.seq()).query(LedgerEntry::read).list();
    }

    /** What a superuser does: changes the first entry's actor and recomputes every hash after it, and the head. */
    private void rewriteChain(List<LedgerEntry> entries, java.util.function.BiFunction<LedgerEntry, String, LedgerEntry> forge) {
        String prev = entries.get(0).prevHash();
        LedgerEntry forged = null;
        for (LedgerEntry entry : entries) {
            LedgerEntry source = forged == null ? withActor(entry, "mallory") : entry;
            forged = forge.apply(source, prev);
            rewrite(entry.id(), forged);
            prev = forged.hash();
        }
        setHead(forged.shard(), forged.seq(), forged.hash());
    }

    private void restore(List<LedgerEntry> originals, LedgerHead head) {
        originals.forEach(e -> rewrite(e.id(), e));
        setHead(head.shard(), head.lastSeq(), head.lastHash());
    }

    private static LedgerEntry withActor(LedgerEntry e, String actor) {
        return new LedgerEntry(e.id(), e.shard(), e.seq(), e.proposalId(), e.occurredAt(), e.type(), actor, e.details(),
                e.prevHash(), e.hash(), e.keyId());
    }

    private static LedgerEntry forgery(LedgerEntry e, String prev, String hash, String keyId) {
        return new LedgerEntry(e.id(), e.shard(), e.seq(), e.proposalId(), e.occurredAt(), e.type(), e.actor(),
                e.details(), prev, hash, keyId);
    }

    private void rewrite(long id, LedgerEntry e) {
        jdbc.sql("update ovs_audit_event set actor = ?, prev_hash = ?, hash = ?, key_id = ? where id = ?")
                .params(e.actor(), e.prevHash(), e.hash(), e.keyId(), id).update();
    }

    private void setHead(int shard, long seq, String hash) {
        assertThat(jdbc.sql("update ovs_ledger_head set last_seq = ?, last_hash = ? where shard = ?")
                .params(seq, hash, shard).update()).isEqualTo(1);
    }

    private LedgerHead headOf(int shard) {
        return jdbc.sql("select shard, last_seq, last_hash from ovs_ledger_head where shard = ?").param(shard)
                .query(LedgerHead::read).single();
    }

    /** An entry as written before the ledger was keyed. */
    private static LedgerEntry legacy(int shard, long seq, String prev, String actor) {
        var unsealed = new LedgerEntry(null, shard, seq, null, Instant.parse("2026-01-01T00:00:00Z").plusSeconds(seq),
                "POLICY_CHANGED", actor, "{}", prev, null, null);
        return forgery(unsealed, prev, LedgerHash.unkeyed(unsealed), null);
    }

    private void insert(LedgerEntry e) {
        jdbc.sql("insert into ovs_audit_event (shard, seq, proposal_id, occurred_at, type, actor, details, prev_hash, hash, "
                        + "key_id) values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.shard(), e.seq(), e.proposalId(), e.occurredAt().atOffset(ZoneOffset.UTC), e.type(), e.actor(),
                        e.details(), e.prevHash(), e.hash(), e.keyId())
                .update();
    }

    private long idOf(int shard, long seq) {
        return jdbc.sql("select id from ovs_audit_event where shard = ? and seq = ?").params(shard, seq)
                .query(Long.class).single();
    }

    private void dropShard(int shard) {
        jdbc.sql("delete from ovs_audit_event where shard = ?").param(shard).update();
        jdbc.sql("delete from ovs_ledger_head where shard = ?").param(shard).update();
        jdbc.sql("delete from ovs_ledger_legacy where shard = ?").param(shard).update();
    }

    List<LedgerEntry> recordThree(String proposalId) {
        audit.record(proposalId, AuditEventType.PROPOSED, "agent:support-bot", Map.of("confidence", 0.91));
        audit.record(proposalId, AuditEventType.CLAIMED, "lena", Map.of());
        audit.record(proposalId, AuditEventType.DECIDED, "lena", Map.of("decision", "REJECT", "comment", "no"));
        List<LedgerEntry> trail = entriesOf(proposalId);
        assertThat(trail).hasSize(3);
        return trail;
    }

    List<LedgerEntry> entriesOf(String proposalId) {
        return jdbc.sql("select " + LedgerEntry.COLUMNS + " from ovs_audit_event where proposal_id = ? order by seq")
                .param(proposalId).query(LedgerEntry::read).list();
    }

    String proposalOnShard(int shard) {
        String id;
        do {
            id = UUID.randomUUID().toString();
        } while (shards.shardOf(id) != shard);
        return id;
    }

    private LedgerEntry lastOfShard(int shard) {
        return jdbc.sql("select " + LedgerEntry.COLUMNS + " from ovs_audit_event where shard = ? order by seq desc")
                .param(shard).query(LedgerEntry::read).list().get(0);
    }

    private static BrokenEntry at(LedgerEntry entry, String reason) {
        return new BrokenEntry(entry.id(), entry.shard(), entry.seq(), reason);
    }

    private void delete(LedgerEntry entry) {
        assertThat(jdbc.sql("delete from ovs_audit_event where id = ?").param(entry.id()).update()).isEqualTo(1);
    }

    private void reinsert(LedgerEntry e) {
        jdbc.sql("insert into ovs_audit_event (" + LedgerEntry.COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.id(), e.shard(), e.seq(), e.proposalId(), e.occurredAt().atOffset(ZoneOffset.UTC), e.type(),
                        e.actor(), e.details(), e.prevHash(), e.hash(), e.keyId())
                .update();
    }
}
