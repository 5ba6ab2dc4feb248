package io.oversight.security;

import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Agent keys as (agent id, SHA-256 hex of the key) pairs; the plain keys are never configured. */
@ConfigurationProperties("oversight.security")
record SecurityProperties(@DefaultValue List<AgentKey> agentKeys) {

    record AgentKey(String agentId, String sha256) {}
}
