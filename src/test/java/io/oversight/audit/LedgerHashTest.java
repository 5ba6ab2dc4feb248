package io.oversight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The documented canonical forms, checked against hashes computed outside Java (Python's hashlib and hmac). */
class LedgerHashTest {

    private static final LedgerKeys KEYS = TestKeys.KEYS;

    @Test
    void unkeyedFormIsLengthPrefixedFieldsInDocumentedOrder() {
        var entry = new LedgerEntry(null, 3, 1, "p-1", Instant.parse("2026-11-25T09:58:06.1234Z"), "PROPOSED",
                "agent:bot", "{\"a\":1,\"b\":\"é\"}", LedgerHash.GENESIS, null, null);

        assertThat(LedgerHash.canonicalForm(entry)).isEqualTo("ovs-ledger-v1\n1:3\n1:1\n3:p-1\n"
                + "27:2026-11-25T09:58:06.123400Z\n8:PROPOSED\n9:agent:bot\n16:{\"a\":1,\"b\":\"é\"}\n64:"
                + LedgerHash.GENESIS + "\n");
        assertThat(LedgerHash.unkeyed(entry)).isEqualTo("a77bec08d5034f7c83d4f1a0886488c420fffe55dcf0577beeee9a69f2392018");
    }

    @Test
    void keyedFormStartsWithTheKeyIdAndIsAnHmacUnderThatKey() {
        var entry = new LedgerEntry(null, 3, 1, "p-1", Instant.parse("2026-11-25T09:58:06.1234Z"), "PROPOSED",
                "agent:bot", "{\"a\":1,\"b\":\"é\"}", LedgerHash.GENESIS, null, null);

        assertThat(KEYS.currentId()).isEqualTo(TestKeys.SECRET_ID);
        assertThat(LedgerHash.keyedForm(entry, KEYS.currentId())).isEqualTo("ovs-ledger-v2\n13:kbb0fbdbf657a\n1:3\n1:1\n"
                + "3:p-1\n27:2026-11-25T09:58:06.123400Z\n8:PROPOSED\n9:agent:bot\n16:{\"a\":1,\"b\":\"é\"}\n64:"
                + LedgerHash.GENESIS + "\n");
        assertThat(LedgerHash.sealed(entry, KEYS)).isEqualTo("cf302fd807c238a79e0317bbb66d8b5c0f1a816877f3d971a365c234864194ea");
    }

    @Test
    void aLedgersEntriesAreSealedWithAKeyDerivedForItsId() {
        var entry = new LedgerEntry(null, 3, 1, "p-1", Instant.parse("2026-11-25T09:58:06.1234Z"), "PROPOSED",
                "agent:bot", "{\"a\":1,\"b\":\"é\"}", LedgerHash.GENESIS, null, null);
        LedgerKeys ledger = KEYS.forLedger("7d1c2a9e-0f4b-4e57-9a3a-2b8f6f1c0d11");

        // HMAC-SHA256 under HMAC-SHA256(key, "ovs-ledger-entry-key\n" + ledger id), computed with Python's hmac
        assertThat(LedgerHash.sealed(entry, ledger)).isEqualTo("383ccab5932864abbc9efbb96f75f4718008024e4f359ae88745ea1d663bd0af");
        assertThat(ledger.currentId()).isEqualTo(TestKeys.SECRET_ID);
        var sealed = LedgerEntry.sealed(3, 1, "p-1", entry.occurredAt(), "PROPOSED", "agent:bot", "{}", LedgerHash.GENESIS,
                ledger);
        assertThat(sealed.hashMatches(ledger)).isTrue();
        assertThat(sealed.hashMatches(KEYS.forLedger("another-ledger"))).isFalse();
    }

    @Test
    void eventOfNoProposalIsMarkedDifferentlyFromAnEmptyId() {
        var policy = new LedgerEntry(null, 0, 7, null, Instant.parse("2026-01-01T00:00:00Z"), "POLICY_CHANGED", "lena",
                "{}", "ab".repeat(32), null, null);

        assertThat(LedgerHash.canonicalForm(policy)).contains("\n1:7\n-\n27:2026-01-01T00:00:00.000000Z\n");
        assertThat(LedgerHash.unkeyed(policy)).isEqualTo("7cf2396bd7a3f948c60f5104d307cf4dfba9ab0e34dce686fabbe3c1d2c5b750");
        var emptyId = new LedgerEntry(null, 0, 7, "", policy.occurredAt(), policy.type(), policy.actor(),
                policy.details(), policy.prevHash(), null, null);
        assertThat(LedgerHash.unkeyed(emptyId)).isNotEqualTo(LedgerHash.unkeyed(policy));
    }

    @Test
    void sealedEntryHashesItselfAndAnyChangeShowsUp() {
        var sealed = LedgerEntry.sealed(2, 5, "p-9", Instant.parse("2026-03-01T12:00:00.000001Z"), "DECIDED", "lena",
                "{\"decision\":\"APPROVE\"}", LedgerHash.GENESIS, KEYS);

        assertThat(sealed.keyId()).isEqualTo(TestKeys.SECRET_ID);
        assertThat(sealed.hashMatches(KEYS)).isTrue();
        assertThat(with(sealed, "{\"decision\":\"REJECT\"}", sealed.hash(), sealed.keyId()).hashMatches(KEYS)).isFalse();
        assertThat(new LedgerEntry(1L, 2, 5, "p-9", sealed.occurredAt().plusNanos(1000), "DECIDED", "lena",
                sealed.details(), sealed.prevHash(), sealed.hash(), sealed.keyId()).hashMatches(KEYS)).isFalse();
    }

    @Test
    void aChangedEntryCannotBeSealedAgainWithoutTheKey() {
        var sealed = LedgerEntry.sealed(2, 5, "p-9", Instant.parse("2026-03-01T12:00:00Z"), "DECIDED", "lena",
                "{\"decision\":\"REJECT\"}", LedgerHash.GENESIS, KEYS);
        var changed = with(sealed, "{\"decision\":\"APPROVE\"}", null, sealed.keyId());
        var guessedKey = new LedgerKeys("an-attackers-guess-at-the-ledger-key-000", List.of(), false);

        var plainSha256 = with(changed, changed.details(), LedgerHash.unkeyed(changed), sealed.keyId());
        var otherKey = with(changed, changed.details(), guessedKey.seal(LedgerHash.keyedForm(changed, sealed.keyId())),
                sealed.keyId());

        assertThat(plainSha256.hashMatches(KEYS)).isFalse();
        assertThat(otherKey.hashMatches(KEYS)).isFalse();
    }

    @Test
    void retiredKeysStillVerifyTheirEntriesAndNewEntriesUseTheCurrentKey() {
        var old = LedgerEntry.sealed(1, 1, "p-1", Instant.parse("2026-03-01T12:00:00Z"), "QUEUED", "system", "{}",
                LedgerHash.GENESIS, KEYS);
        var rotated = new LedgerKeys("the-next-ledger-key-after-rotation-0000", List.of(TestKeys.SECRET), false);

        var next = LedgerEntry.sealed(1, 2, "p-1", Instant.parse("2026-03-01T12:00:01Z"), "CLAIMED", "lena", "{}",
                old.hash(), rotated);

        assertThat(rotated.currentId()).isNotEqualTo(TestKeys.SECRET_ID);
        assertThat(next.keyId()).isEqualTo(rotated.currentId());
        assertThat(old.hashMatches(rotated)).isTrue();
        assertThat(next.hashMatches(rotated)).isTrue();
        assertThat(next.hashMatches(KEYS)).as("the old key alone does not know the new one").isFalse();
    }

    private static LedgerEntry with(LedgerEntry e, String details, String hash, String keyId) {
        return new LedgerEntry(1L, e.shard(), e.seq(), e.proposalId(), e.occurredAt(), e.type(), e.actor(), details,
                e.prevHash(), hash, keyId);
    }
}
