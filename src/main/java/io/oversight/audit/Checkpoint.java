package io.oversight.audit;

import java.util.Comparator;
import java.util.List;

/**
 * One line of the checkpoint file: the head of every shard of one ledger at one moment, sealed with
 * the ledger key so whoever can write the file but lacks the key cannot forge or alter a line.
 *
 * <p>The seal is the HMAC-SHA256 (under the key named by keyId) of the text
 * {@code ovs-ledger-checkpoint-v1\n} followed by the length-prefixed fields of {@link LedgerHash}
 * ledger, node, at, keyId, prev, the number of heads, and per head (ordered by shard) shard, seq,
 * hash, legacySeq. prev is the seal of the line before it in the file, so a line removed from the
 * middle of the file is noticed too.
 *
 * @param ledger the ledger's id (kept in its database), so a file may hold lines of other ledgers
 * @param node   the node that wrote the line
 * @param at     when, UTC with six fraction digits
 * @param prev   the seal of the previous line of the file, empty for the first line
 * @param mac    this line's seal
 */
record Checkpoint(String ledger, String node, String at, String keyId, List<Head> heads, String prev, String mac) {

    private static final String FORM = "ovs-ledger-checkpoint-v1";

    /**
     * A shard's head as checkpointed.
     *
     * @param legacySeq the shard's legacy boundary: the last seq that may be unkeyed
     */
    record Head(int shard, long seq, String hash, long legacySeq) {}

    static Checkpoint sealed(String ledger, String node, String at, List<Head> heads, String prev, LedgerKeys keys) {
        List<Head> ordered = heads.stream().sorted(Comparator.comparingInt(Head::shard)).toList();
        var unsealed = new Checkpoint(ledger, node, at, keys.currentId(), ordered, prev, null);
        return new Checkpoint(ledger, node, at, keys.currentId(), ordered, prev, keys.seal(unsealed.canonicalForm()));
    }

    boolean sealMatches(LedgerKeys keys) {
        return heads != null && keys.matches(keyId, canonicalForm(), mac);
    }

    String canonicalForm() {
        StringBuilder form = new StringBuilder(FORM).append('\n');
        LedgerHash.field(form, ledger);
        LedgerHash.field(form, node);
        LedgerHash.field(form, at);
        LedgerHash.field(form, keyId);
        LedgerHash.field(form, prev);
        LedgerHash.field(form, Integer.toString(heads.size()));
        for (Head head : heads) {
            LedgerHash.field(form, Integer.toString(head.shard()));
            LedgerHash.field(form, Long.toString(head.seq()));
            LedgerHash.field(form, head.hash());
            LedgerHash.field(form, Long.toString(head.legacySeq()));
        }
        return form.toString();
    }
}
