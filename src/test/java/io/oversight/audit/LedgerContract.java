package io.oversight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.oversight.audit.Verification.BrokenEntry;
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

    @Test
    void intactLedgerIsValid() {
        String proposal = UUID.randomUUID().toString();
        long before = verifier.verify().entries();
        recordThree(proposal);
        audit.record(null, AuditEventType.POLICY_CHANGED, "lena", Map.of("mode", "PAUSED"));

        Verification verification = verifier.verify();

        assertThat(verification.valid()).isTrue();
        assertThat(verification.firstBrokenEntry()).isNull();
        assertThat(verification.entries()).isGreaterThanOrEqualTo(before + 4);
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
    void changedEntryWithItsHashRecomputedBreaksTheLinkOfTheNext() {
        List<LedgerEntry> trail = recordThree(UUID.randomUUID().toString());
        LedgerEntry changed = trail.get(1);
        LedgerEntry forged = LedgerEntry.sealed(changed.shard(), changed.seq(), changed.proposalId(),
                changed.occurredAt(), changed.type(), "mallory", changed.details(), changed.prevHash());

        tampered(() -> jdbc.sql("update ovs_audit_event set actor = ?, hash = ? where id = ?")
                        .params(forged.actor(), forged.hash(), changed.id()).update(),
                () -> jdbc.sql("update ovs_audit_event set actor = ?, hash = ? where id = ?")
                        .params(changed.actor(), changed.hash(), changed.id()).update(),
                at(trail.get(2), "broken link to previous entry"));
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
        jdbc.sql("insert into ovs_audit_event (" + LedgerEntry.COLUMNS + ") values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                .params(e.id(), e.shard(), e.seq(), e.proposalId(), e.occurredAt().atOffset(ZoneOffset.UTC), e.type(),
                        e.actor(), e.details(), e.prevHash(), e.hash())
                .update();
    }
}
