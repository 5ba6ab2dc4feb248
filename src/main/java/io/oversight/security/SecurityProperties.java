package io.oversight.security;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Agent keys as (agent id, SHA-256 hex of the key) pairs; the plain keys are never configured.
 * {@code revokedAgentKeys} lists hashes revoked for good; {@code agentKeyCache} is how long a node
 * may trust its cached lookup (at most 5 s: revocation must reach every node within seconds).
 */
@ConfigurationProperties("oversight.security")
record SecurityProperties(
        @DefaultValue List<AgentKey> agentKeys,
        @DefaultValue List<String> revokedAgentKeys,
        @DefaultValue("PT2S") Duration agentKeyCache) {

    static final Duration MAX_CACHE = Duration.ofSeconds(5);

    SecurityProperties {
        if (agentKeyCache.compareTo(MAX_CACHE) > 0 || agentKeyCache.isNegative()) {
            throw new IllegalArgumentException("oversight.security.agent-key-cache must be between 0 and " + MAX_CACHE
                    + ", so that a revoked key stops working on every node within seconds");
        }
    }

    record AgentKey(String agentId, String sha256) {}
}
