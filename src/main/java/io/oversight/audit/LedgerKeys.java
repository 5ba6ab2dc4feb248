package io.oversight.audit;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * The secrets the ledger is sealed with. They live in the configuration (the environment), never in
 * the database, so a database superuser can change rows but cannot seal them again.
 *
 * <p>Each key is known by an id derived from it ({@code k} and the first 12 hex digits of
 * HMAC-SHA256(key, "ovs-ledger-key-id")), stored with every entry and checkpoint, so rotating is:
 * set the new key as {@code oversight.audit.ledger-key} and move the old one to
 * {@code oversight.audit.retired-ledger-keys}; new entries use the new key, old ones still verify.
 * Every node of a cluster needs the same keys.
 *
 * <p>Without a key nothing starts (the remedy is in the message); outside the demo profile the
 * well-known demo key is refused too.
 */
@Component
class LedgerKeys {

    static final String DEMO_KEY = "demo-ledger-key-known-to-everyone-do-not-use";
    static final int MIN_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";

    private final String currentId;
    private final Map<String, SecretKeySpec> byId;

    @Autowired
    LedgerKeys(AuditProperties properties, Environment environment) {
        this(properties.ledgerKey(), properties.retiredLedgerKeys(), environment.acceptsProfiles(Profiles.of("demo")));
    }

    LedgerKeys(String ledgerKey, List<String> retired, boolean demo) {
        this.byId = new LinkedHashMap<>();
        if (ledgerKey == null || ledgerKey.isBlank()) {
            throw new IllegalStateException("No audit ledger key (oversight.audit.ledger-key / OVERSIGHT_AUDIT_LEDGER_KEY): "
                    + "every ledger entry is sealed with it, and it must live outside the database. Set a random secret "
                    + "of at least " + MIN_LENGTH + " characters, the same on every node, e.g. `openssl rand -base64 48`");
        }
        if (DEMO_KEY.equals(ledgerKey) && !demo) {
            throw new IllegalStateException("The demo audit ledger key is configured outside the demo profile; anyone could "
                    + "re-seal a rewritten ledger with it. Set OVERSIGHT_AUDIT_LEDGER_KEY to a random secret of at least "
                    + MIN_LENGTH + " characters");
        }
        this.currentId = add(ledgerKey, "oversight.audit.ledger-key");
        for (int i = 0; i < retired.size(); i++) {
            add(retired.get(i), "oversight.audit.retired-ledger-keys[" + i + "]");
        }
    }

    private LedgerKeys(String currentId, Map<String, SecretKeySpec> byId) {
        this.currentId = currentId;
        this.byId = byId;
    }

    /**
     * The keys entries of one ledger are sealed with: per configured key, HMAC-SHA256(key,
     * "ovs-ledger-entry-key\n" + ledger id) (the 32 raw bytes), under the same key id. Binding entries
     * to their ledger's id means replacing that id in the database breaks every keyed entry, rather
     * than making verify overlook the checkpoints of the real ledger.
     */
    LedgerKeys forLedger(String ledgerId) {
        Map<String, SecretKeySpec> derived = new LinkedHashMap<>();
        byId.forEach((id, key) -> derived.put(id,
                new SecretKeySpec(HexFormat.of().parseHex(hmac(key, "ovs-ledger-entry-key\n" + ledgerId)), ALGORITHM)));
        return new LedgerKeys(currentId, derived);
    }

    private String add(String secret, String property) {
        if (secret == null || secret.length() < MIN_LENGTH) {
            throw new IllegalStateException(property + " is shorter than " + MIN_LENGTH
                    + " characters; use a random secret, e.g. `openssl rand -base64 48`");
        }
        SecretKeySpec key = new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        String id = "k" + hmac(key, "ovs-ledger-key-id").substring(0, 12);
        byId.putIfAbsent(id, key);
        return id;
    }

    /** The id of the key new entries and checkpoints are sealed with. */
    String currentId() {
        return currentId;
    }

    /** The seal of {@code text} with the current key. */
    String seal(String text) {
        return hmac(byId.get(currentId), text);
    }

    /** The seal of {@code text} with the key of that id, or empty when no such key is configured. */
    Optional<String> seal(String keyId, String text) {
        return Optional.ofNullable(keyId == null ? null : byId.get(keyId)).map(key -> hmac(key, text));
    }

    /** Whether {@code seal} is the seal of {@code text} with the key of that id (constant time). */
    boolean matches(String keyId, String text, String seal) {
        return seal != null && seal(keyId, text)
                .map(expected -> MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                        seal.getBytes(StandardCharsets.US_ASCII)))
                .orElse(false);
    }

    boolean knows(String keyId) {
        return keyId != null && byId.containsKey(keyId);
    }

    private static String hmac(SecretKeySpec key, String text) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return HexFormat.of().formatHex(mac.doFinal(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
