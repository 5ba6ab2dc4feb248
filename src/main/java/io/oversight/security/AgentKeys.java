package io.oversight.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Agent API keys, stored only as SHA-256 hashes (keys are long random secrets, so a fast hash is
 * the right tool; the hash never leaves the server). Configured keys are synchronised into the
 * table at start; lookups are cached per node.
 */
@Component
public class AgentKeys {

    private final JdbcClient jdbc;
    private final SecurityProperties properties;
    private final Map<String, String> agentByHash = new ConcurrentHashMap<>();

    AgentKeys(JdbcClient jdbc, SecurityProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    void registerConfiguredKeys() {
        properties.agentKeys().forEach(k -> register(k.agentId(), k.sha256()));
    }

    /** Stores an agent's key hash, replacing the agent's previous key. */
    public void register(String agentId, String keySha256) {
        int updated = jdbc.sql("update ovs_agent_key set key_hash = ? where agent_id = ?").params(keySha256, agentId).update();
        if (updated == 0) {
            jdbc.sql("insert into ovs_agent_key (agent_id, key_hash, created_at) values (?, ?, ?)")
                    .params(agentId, keySha256, OffsetDateTime.now(ZoneOffset.UTC)).update();
        }
        agentByHash.values().removeIf(agentId::equals);
    }

    Optional<String> agentFor(String presentedKey) {
        String hash = sha256(presentedKey);
        String cached = agentByHash.get(hash);
        if (cached != null) {
            return Optional.of(cached);
        }
        Optional<String> agent = jdbc.sql("select agent_id from ovs_agent_key where key_hash = ?").param(hash)
                .query(String.class).optional();
        agent.ifPresent(id -> agentByHash.put(hash, id));
        return agent;
    }

    public static String sha256(String key) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
