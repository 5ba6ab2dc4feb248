package io.oversight.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.oversight.security.AgentKeys;
import io.oversight.support.ApiClient;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/**
 * Identities outside the demo profile (issue 9, item 7), on the packaged jar: a production start
 * creates the queues' groups, Tasklist access and filters and the configured administrator (from a
 * bcrypt hash) and nobody else; Admin's first-visit setup is closed; and once the database has seen
 * the demo profile, a production start refuses, naming the demo users and the remedy.
 */
@EnabledIfEnvironmentVariable(named = TestDatabase.URL_VARIABLE, matches = ".+", disabledReason = TestDatabase.HOW_TO_RUN)
class ProductionIdentitiesIT {

    private static final String ADMIN_PASSWORD = "It-Admin-Passw0rd-" + System.nanoTime();

    private static TestDatabase database;
    private static Cluster cluster;

    @AfterAll
    static void stop() {
        if (cluster != null) {
            cluster.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Timeout(value = 600, unit = TimeUnit.SECONDS)
    void productionCreatesWhatReviewersNeedAndRefusesDemoLeftovers() throws Exception {
        database = TestDatabase.createFresh("identities");
        cluster = new Cluster();
        AppNode.Config production = new AppNode.Config(database.url(), database.user(), "it-Db-Passw0rd-not-checked-by-trust",
                List.of("--spring.profiles.active=postgres",
                        "--oversight.security.agent-keys[0].agent-id=support-bot",
                        "--oversight.security.agent-keys[0].sha256=" + AgentKeys.sha256("it-production-agent-key"),
                        "--oversight.security.initial-admin.user-id=root-admin",
                        "--oversight.security.initial-admin.password-bcrypt=" + new BCryptPasswordEncoder(10).encode(ADMIN_PASSWORD),
                        "--oversight.webhooks.signing-secret=it-webhook-secret-0123456789",
                        "--oversight.audit.ledger-key=it-production-ledger-key-0123456789abcdef"));

        AppNode first = cluster.start("prod-first", production);
        NodeApi api = first.api();
        String admin = ApiClient.basic("root-admin", ADMIN_PASSWORD);
        JsonNode users = api.get("/engine-rest/user", admin).json();
        assertThat(users.findValuesAsText("id")).as("only the configured administrator").containsExactly("root-admin");
        assertThat(api.get("/engine-rest/group?member=root-admin", admin).json().findValuesAsText("id")).contains("camunda-admin");
        List<String> groups = api.get("/engine-rest/group", admin).json().findValuesAsText("id");
        assertThat(groups).contains("support-agents", "support-leads", "billing", "trust-safety", "legal", "finance", "qa",
                "camunda-admin", "action-system-billing", "action-system-accounts");
        assertThat(api.get("/engine-rest/authorization?groupIdIn=support-leads&resourceType=0", admin).json().toString())
                .as("Tasklist access for a queue").contains("tasklist");
        assertThat(api.get("/engine-rest/filter", admin).json().findValuesAsText("name")).contains("Queue: support-leads", "My tasks");
        assertThat(new ApiClient(first.baseUrl()).postJson("/camunda/api/admin/setup/default/user/create",
                "{\"profile\":{\"id\":\"mallory\"},\"credentials\":{\"password\":\"Mallory-Passw0rd\"}}", null).status())
                .as("Admin's first-visit setup is closed").isEqualTo(403);
        assertThat(api.get("/engine-rest/user", ApiClient.basic("root-admin", "wrong")).status()).isEqualTo(401);
        first.close();

        cluster.start("demo-once", AppNode.demoOnPostgres(database.url(), database.user(), database.password())).close();

        AppNode refused = AppNode.start("prod-after-demo", production);
        try {
            await("the production start refuses").atMost(Duration.ofSeconds(240)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> !refused.isAlive());
            String log = Files.readString(refused.log());
            assertThat(log).contains("Demo identities [alice, lena, bill, sam, lee, fran, quinn, admin, action-worker]")
                    .contains("OVERSIGHT_SECURITY_REMOVEDEMOIDENTITIES=true");
        } finally {
            refused.close();
        }

        AppNode cleaned = cluster.start("prod-cleaned", production.with("--oversight.security.remove-demo-identities=true"));
        assertThat(cleaned.api().get("/engine-rest/user", admin).json().findValuesAsText("id")).containsExactly("root-admin");
        assertThat(cleaned.api().get("/engine-rest/user", ApiClient.basic("lena")).status()).isEqualTo(401);
    }
}
