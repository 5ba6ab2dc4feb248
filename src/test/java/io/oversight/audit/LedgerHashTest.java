package io.oversight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The documented canonical form, checked against hashes computed outside Java (Python's hashlib). */
class LedgerHashTest {

    @Test
    void canonicalFormIsLengthPrefixedFieldsInDocumentedOrder() {
        var entry = new LedgerEntry(null, 3, 1, "p-1", Instant.parse("2026-11-25T09:58:06.1234Z"), "PROPOSED",
                "agent:bot", "{\"a\":1,\"b\":\"é\"}", LedgerHash.GENESIS, null);

        assertThat(LedgerHash.canonicalForm(entry)).isEqualTo("ovs-ledger-v1\n1:3\n1:1\n3:p-1\n"
                + "27:2026-11-25T09:58:06.123400Z\n8:PROPOSED\n9:agent:bot\n16:{\"a\":1,\"b\":\"é\"}\n64:"
                + LedgerHash.GENESIS + "\n");
        assertThat(LedgerHash.of(entry)).isEqualTo("a77bec08d5034f7c83d4f1a0886488c420fffe55dcf0577beeee9a69f2392018");
    }

    @Test
    void eventOfNoProposalIsMarkedDifferentlyFromAnEmptyId() {
        var policy = new LedgerEntry(null, 0, 7, null, Instant.parse("2026-01-01T00:00:00Z"), "POLICY_CHANGED", "lena",
                "{}", "ab".repeat(32), null);

        assertThat(LedgerHash.canonicalForm(policy)).contains("\n1:7\n-\n27:2026-01-01T00:00:00.000000Z\n");
        assertThat(LedgerHash.of(policy)).isEqualTo("7cf2396bd7a3f948c60f5104d307cf4dfba9ab0e34dce686fabbe3c1d2c5b750");
        var emptyId = new LedgerEntry(null, 0, 7, "", policy.occurredAt(), policy.type(), policy.actor(),
                policy.details(), policy.prevHash(), null);
        assertThat(LedgerHash.of(emptyId)).isNotEqualTo(LedgerHash.of(policy));
    }

    @Test
    void sealedEntryHashesItselfAndAnyChangeShowsUp() {
        var sealed = LedgerEntry.sealed(2, 5, "p-9", Instant.parse("2026-03-01T12:00:00.000001Z"), "DECIDED", "lena",
                "{\"decision\":\"APPROVE\"}", LedgerHash.GENESIS);

        assertThat(sealed.hashMatches()).isTrue();
        assertThat(new LedgerEntry(1L, 2, 5, "p-9", sealed.occurredAt(), "DECIDED", "lena", "{\"decision\":\"REJECT\"}",
                sealed.prevHash(), sealed.hash()).hashMatches()).isFalse();
        assertThat(new LedgerEntry(1L, 2, 5, "p-9", sealed.occurredAt().plusNanos(1000), "DECIDED", "lena",
                sealed.details(), sealed.prevHash(), sealed.hash()).hashMatches()).isFalse();
    }
}
