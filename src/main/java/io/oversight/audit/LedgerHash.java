package io.oversight.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The hash of a ledger entry, so anyone holding the ledger key can recompute a chain without this code.
 *
 * <p>Canonical form, version 2 (every entry written since the ledger is keyed): the line
 * {@code ovs-ledger-v2}, then one line per field in this order — key_id, shard, seq, proposal_id,
 * occurred_at, type, actor, details, prev_hash — each written as its length in UTF-8 bytes
 * (decimal), a colon, the value, and a line feed ({@code \n}). A null proposal_id (an event of no
 * proposal) is the line {@code -} instead, so it differs from an empty one. shard and seq are
 * decimal without leading zeros; occurred_at is UTC with exactly six fraction digits
 * ({@code 2026-11-25T09:58:06.123400Z}); details is the stored canonical JSON text byte for byte
 * (object keys sorted, no whitespace); prev_hash is 64 lower-case hex digits ({@link #GENESIS} for
 * the first entry of a shard). The hash is the lower-case hex HMAC-SHA256 of those bytes under the
 * ledger's entry key for key_id: HMAC-SHA256(the configured ledger key named by key_id,
 * {@code "ovs-ledger-entry-key\n" + ledger id}), its 32 raw bytes ({@link LedgerKeys#forLedger}; the
 * ledger id is in {@code ovs_ledger_setting} and in every exported line). Length prefixes make the
 * form unambiguous.
 *
 * <p>Version 1 (entries written before the ledger was keyed, key_id null): the line
 * {@code ovs-ledger-v1}, the same fields without key_id, and the plain SHA-256 of those bytes.
 * Anyone can recompute such a hash, so they are trusted only up to each shard's checkpointed legacy
 * boundary ({@link ShardChain}).
 *
 * <p>Example (v1): shard 3, seq 1, proposal {@code p-1}, type PROPOSED, actor {@code agent:bot},
 * details {@code {"a":1}} hash the text
 * {@code "ovs-ledger-v1\n1:3\n1:1\n3:p-1\n27:2026-11-25T09:58:06.123400Z\n8:PROPOSED\n9:agent:bot\n7:{\"a\":1}\n64:000…0\n"}.
 */
final class LedgerHash {

    static final String GENESIS = "0".repeat(64);
    private static final String UNKEYED = "ovs-ledger-v1";
    private static final String KEYED = "ovs-ledger-v2";
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private LedgerHash() {}

    /** The plain SHA-256 of the entry's version 1 form (how entries were hashed before the ledger was keyed). */
    static String unkeyed(LedgerEntry e) {
        return sha256(canonicalForm(e));
    }

    /** The HMAC of the entry's version 2 form under the current key (a ledger's entry keys), for a new entry. */
    static String sealed(LedgerEntry e, LedgerKeys keys) {
        return keys.seal(keyedForm(e, keys.currentId()));
    }

    /** Whether the stored hash is right: keyed under the entry's key, or plain SHA-256 for an unkeyed one. */
    static boolean matches(LedgerEntry e, LedgerKeys keys) {
        if (e.keyId() == null) {
            return unkeyed(e).equals(e.hash());
        }
        return keys.matches(e.keyId(), keyedForm(e, e.keyId()), e.hash());
    }

    /** Version 1: no key id. */
    static String canonicalForm(LedgerEntry e) {
        return fields(new StringBuilder(UNKEYED).append('\n'), e).toString();
    }

    /** Version 2: the key id first, then the fields of version 1. */
    static String keyedForm(LedgerEntry e, String keyId) {
        StringBuilder form = new StringBuilder(KEYED).append('\n');
        field(form, keyId);
        return fields(form, e).toString();
    }

    private static StringBuilder fields(StringBuilder form, LedgerEntry e) {
        field(form, Integer.toString(e.shard()));
        field(form, Long.toString(e.seq()));
        field(form, e.proposalId());
        field(form, timestamp(e.occurredAt()));
        field(form, e.type());
        field(form, e.actor());
        field(form, e.details());
        field(form, e.prevHash());
        return form;
    }

    static String timestamp(Instant at) {
        return TIMESTAMP.format(at);
    }

    /** One length-prefixed field ({@code -} for null), as in every canonical form of the ledger. */
    static void field(StringBuilder form, String value) {
        if (value == null) {
            form.append("-\n");
            return;
        }
        form.append(value.getBytes(StandardCharsets.UTF_8).length).append(':').append(value).append('\n');
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
