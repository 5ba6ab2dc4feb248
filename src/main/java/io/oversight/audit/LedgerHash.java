package io.oversight.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;

/**
 * The hash of a ledger entry, so anyone can recompute a chain without this code.
 *
 * <p>Canonical form, version 1: the line {@code ovs-ledger-v1}, then one line per field in this
 * order — shard, seq, proposal_id, occurred_at, type, actor, details, prev_hash — each written as
 * its length in UTF-8 bytes (decimal), a colon, the value, and a line feed ({@code \n}). A null
 * proposal_id (an event of no proposal) is the line {@code -} instead, so it differs from an empty
 * one. shard and seq are decimal without leading zeros; occurred_at is UTC with exactly six
 * fraction digits ({@code 2026-11-25T09:58:06.123400Z}); details is the stored canonical JSON
 * text byte for byte (object keys sorted, no whitespace); prev_hash is 64 lower-case hex digits
 * ({@link #GENESIS} for the first entry of a shard). The hash is the lower-case hex SHA-256 of
 * those bytes. Length prefixes make the form unambiguous whatever the values contain.
 *
 * <p>Example: shard 3, seq 1, proposal {@code p-1}, type PROPOSED, actor {@code agent:bot},
 * details {@code {"a":1}} hash the text
 * {@code "ovs-ledger-v1\n1:3\n1:1\n3:p-1\n27:2026-11-25T09:58:06.123400Z\n8:PROPOSED\n9:agent:bot\n7:{\"a\":1}\n64:000…0\n"}.
 */
final class LedgerHash {

    static final String GENESIS = "0".repeat(64);
    private static final String VERSION = "ovs-ledger-v1";
    private static final DateTimeFormatter TIMESTAMP =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    private LedgerHash() {}

    static String of(LedgerEntry e) {
        return sha256(canonicalForm(e));
    }

    static String canonicalForm(LedgerEntry e) {
        StringBuilder form = new StringBuilder(VERSION).append('\n');
        field(form, Integer.toString(e.shard()));
        field(form, Long.toString(e.seq()));
        field(form, e.proposalId());
        field(form, timestamp(e.occurredAt()));
        field(form, e.type());
        field(form, e.actor());
        field(form, e.details());
        field(form, e.prevHash());
        return form.toString();
    }

    static String timestamp(Instant at) {
        return TIMESTAMP.format(at);
    }

    private static void field(StringBuilder form, String value) {
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
