package io.oversight.security;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

/** Outside the demo profile, no default secret and no missing authentication may reach production. */
class StartupSafetyTest {

    private static final SecurityProperties.AgentKey REAL_KEY =
            new SecurityProperties.AgentKey("support-bot", AgentKeys.sha256("a-long-random-production-key"));
    private static final SecurityProperties.AgentKey DEMO_KEY =
            new SecurityProperties.AgentKey("demo-agent", AgentKeys.sha256("demo-agent-key"));
    private static final String PG = "jdbc:postgresql://db:5432/oversight";

    @Test
    void theDemoProfileMayUseTheDemoSecrets() {
        assertThatCode(() -> safety("demo", List.of(DEMO_KEY), "action-worker", "action-worker", "", "jdbc:h2:mem:x")
                .refuseDefaultSecrets()).doesNotThrowAnyException();
    }

    @Test
    void productionWithRealSecretsStarts() {
        assertThatCode(() -> safety("postgres", List.of(REAL_KEY), "", "", "s3cr3t-Long-Password", PG)
                .refuseDefaultSecrets()).doesNotThrowAnyException();
    }

    @Test
    void productionRefusesTheDemoAgentKey() {
        assertThatThrownBy(() -> safety("postgres", List.of(DEMO_KEY), "", "", "s3cr3t-Long-Password", PG).refuseDefaultSecrets())
                .hasMessageContaining("demo agent key");
    }

    @Test
    void productionRefusesToRunWithoutAgentAuthentication() {
        assertThatThrownBy(() -> safety("postgres", List.of(), "", "", "s3cr3t-Long-Password", PG).refuseDefaultSecrets())
                .hasMessageContaining("No agent keys");
    }

    @Test
    void productionRefusesDefaultDatabaseAndWorkerPasswords() {
        assertThatThrownBy(() -> safety("postgres", List.of(REAL_KEY), "", "", "postgres", PG).refuseDefaultSecrets())
                .hasMessageContaining("OVERSIGHT_DB_PASSWORD");
        assertThatThrownBy(() -> safety("postgres", List.of(REAL_KEY), "", "", "", PG).refuseDefaultSecrets())
                .hasMessageContaining("OVERSIGHT_DB_PASSWORD");
        assertThatThrownBy(() -> safety("postgres", List.of(REAL_KEY), "worker", "worker", "s3cr3t-Long-Password", PG)
                .refuseDefaultSecrets()).hasMessageContaining("action-worker.password");
    }

    private static StartupSafety safety(String profile, List<SecurityProperties.AgentKey> keys, String workerUser,
            String workerPassword, String dbPassword, String dbUrl) {
        MockEnvironment environment = new MockEnvironment();
        environment.setActiveProfiles(profile);
        return new StartupSafety(environment, new SecurityProperties(keys, List.of(), java.time.Duration.ofSeconds(2)), workerUser, workerPassword, dbPassword, dbUrl);
    }
}
