package io.oversight.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Agent API keys, stored only as SHA-256 hashes (keys are long random secrets, so a fast hash is
 * the right tool; the hash never leaves the server). An agent may hold several keys at once, so a
 * rotation can overlap; a revoked key stays revoked for good. The database is the truth for every
 * node: lookups are cached for at most {@code oversight.security.agent-key-cache} (2 s by default),
 * so a revocation or a new key made on one node holds on every node within that time.
 * <p>
 * Configured keys are added at start (never re-enabling a revoked one), configured revocations
 * applied; until then a lookup throws {@link KeysNotLoaded} and the API answers 503 with
 * Retry-After instead of calling a valid key unknown.
 */
@Component
public class AgentKeys {

    /** The key store has not been loaded yet on this node (start-up): the caller should retry, not give up. */
    public static final class KeysNotLoaded extends RuntimeException {
        KeysNotLoaded() {
            super("Agent keys are still loading");
        }
    }

    /** One key of an agent, as an administrator sees it (never the key, only a prefix of its hash). */
    public record KeyInfo(String agentId, String keyHashPrefix, OffsetDateTime createdAt, OffsetDateTime revokedAt,
            String revokedBy) {}

    private record Cached(Optional<String> agent, Instant until) {}

    private static final Logger log = LoggerFactory.getLogger(AgentKeys.class);

    private final JdbcClient jdbc;
    private final SecurityProperties properties;
    private final Clock clock;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();
    private volatile boolean loaded;

    @Autowired
    AgentKeys(JdbcClient jdbc, SecurityProperties properties) {
        this(jdbc, properties, Clock.systemUTC());
    }

    AgentKeys(JdbcClient jdbc, SecurityProperties properties, Clock clock) {
        this.jdbc = jdbc;
        this.properties = properties;
        this.clock = clock;
    }

    @EventListener(ApplicationStartedEvent.class)
    void loadConfiguredKeys() {
        properties.agentKeys().forEach(k -> register(k.agentId(), k.sha256()));
        properties.revokedAgentKeys().forEach(hash -> revoke(hash, "configuration"));
        loaded = true;
        log.info("Agent keys loaded: {} configured, {} revoked by configuration", properties.agentKeys().size(),
                properties.revokedAgentKeys().size());
    }

    boolean loaded() {
        return loaded;
    }

    /** Adds a key for an agent; the agent's other keys stay valid (rotation overlaps). A revoked key is not re-enabled. */
    public void register(String agentId, String keySha256) {
        String hash = keySha256.toLowerCase(Locale.ROOT);
        boolean exists = jdbc.sql("select count(*) from ovs_agent_credential where key_hash = ?").param(hash)
                .query(Long.class).single() > 0;
        if (!exists) {
            try {
                jdbc.sql("insert into ovs_agent_credential (key_hash, agent_id, created_at) values (?, ?, ?)")
                        .params(hash, agentId, OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC)).update();
            } catch (DuplicateKeyException raced) {
                // another node registered the same key at the same moment: it exists, which is all we wanted
            }
        }
        cache.remove(hash);
    }

    /** The agent a stored key (valid or revoked) belongs to, if it is stored at all. */
    public Optional<String> ownerOf(String keySha256) {
        return jdbc.sql("select agent_id from ovs_agent_credential where key_hash = ?").param(keySha256.toLowerCase(Locale.ROOT))
                .query(String.class).optional();
    }

    /** Revokes a key for good; true if it was valid until now. */
    public boolean revoke(String keySha256, String by) {
        String hash = keySha256.toLowerCase(Locale.ROOT);
        int changed = jdbc.sql("update ovs_agent_credential set revoked_at = ?, revoked_by = ? where key_hash = ? and revoked_at is null")
                .params(OffsetDateTime.now(clock).withOffsetSameInstant(ZoneOffset.UTC), by, hash).update();
        cache.remove(hash);
        return changed > 0;
    }

    public List<KeyInfo> list() {
        return jdbc.sql("select agent_id, key_hash, created_at, revoked_at, revoked_by from ovs_agent_credential order by agent_id, created_at")
                .query((rs, n) -> new KeyInfo(rs.getString(1), rs.getString(2).substring(0, 12),
                        rs.getObject(3, OffsetDateTime.class), rs.getObject(4, OffsetDateTime.class), rs.getString(5)))
                .list();
    }

    Optional<String> agentFor(String presentedKey) {
        if (!loaded) {
            throw new KeysNotLoaded();
        }
        String hash = sha256(presentedKey);
        Instant now = clock.instant();
        Cached cached = cache.get(hash);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.agent();
        }
        Optional<String> agent = jdbc.sql("select agent_id from ovs_agent_credential where key_hash = ? and revoked_at is null")
                .param(hash).query(String.class).optional();
        if (cache.size() > 10_000) {
            cache.clear(); // unknown keys sprayed at the API must not grow the cache without bound
        }
        cache.put(hash, new Cached(agent, now.plus(cacheTtl())));
        return agent;
    }

    private Duration cacheTtl() {
        return properties.agentKeyCache();
    }

    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
