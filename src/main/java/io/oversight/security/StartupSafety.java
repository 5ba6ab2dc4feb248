package io.oversight.security;

import java.util.Arrays;
import java.util.Set;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationStartedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Outside the demo profile no default secret may exist: the demo agent key, a worker password
 * equal to its user, or a well-known database password stop the start.
 */
@Component
class StartupSafety {

    private static final String DEMO_KEY_HASH = AgentKeys.sha256("demo-agent-key");
    private static final Set<String> WELL_KNOWN = Set.of("postgres", "password", "oversight", "changeme", "admin", "secret");

    private final Environment environment;
    private final SecurityProperties security;
    private final String workerUser;
    private final String workerPassword;
    private final String databasePassword;
    private final String databaseUrl;

    StartupSafety(Environment environment, SecurityProperties security,
            @Value("${oversight.action-worker.user:}") String workerUser,
            @Value("${oversight.action-worker.password:}") String workerPassword,
            @Value("${spring.datasource.password:}") String databasePassword,
            @Value("${spring.datasource.url:}") String databaseUrl) {
        this.environment = environment;
        this.security = security;
        this.workerUser = workerUser;
        this.workerPassword = workerPassword;
        this.databasePassword = databasePassword;
        this.databaseUrl = databaseUrl;
    }

    /** Whether the demo profile is active (explicitly, or as the default when none is set). */
    static boolean isDemo(Environment environment) {
        return Arrays.asList(environment.getActiveProfiles()).contains("demo")
                || (environment.getActiveProfiles().length == 0 && Arrays.asList(environment.getDefaultProfiles()).contains("demo"));
    }

    @EventListener(ApplicationStartedEvent.class)
    void refuseDefaultSecrets() {
        if (isDemo(environment)) {
            return;
        }
        if (security.agentKeys().isEmpty()) {
            throw new IllegalStateException("No agent keys are configured (oversight.security.agent-keys); "
                    + "without one no agent can authenticate. Set OVERSIGHT_SECURITY_AGENTKEYS_0_AGENTID and _SHA256");
        }
        if (security.agentKeys().stream().anyMatch(k -> DEMO_KEY_HASH.equalsIgnoreCase(k.sha256()))) {
            throw new IllegalStateException("The demo agent key is configured outside the demo profile; configure real agent keys");
        }
        if (!workerPassword.isEmpty() && workerPassword.equals(workerUser)) {
            throw new IllegalStateException("oversight.action-worker.password equals the user name; set a real secret");
        }
        if (databaseUrl.startsWith("jdbc:postgresql") && (databasePassword.isEmpty() || WELL_KNOWN.contains(databasePassword))) {
            throw new IllegalStateException("OVERSIGHT_DB_PASSWORD is empty or a well-known default; set a real secret");
        }
    }
}
