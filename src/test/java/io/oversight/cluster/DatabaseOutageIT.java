package io.oversight.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.support.ApiClient;
import io.oversight.support.ApiClient.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The database goes away under a running node and comes back: while it is gone the node says so
 * (503 problem+json within 20 s, readiness DOWN) and writes nothing by halves; when it is back the
 * node recovers by itself. The server is the test's own (initdb + pg_ctl on a free port), never
 * the machine's shared one.
 */
@EnabledIfEnvironmentVariable(named = TestDatabase.URL_VARIABLE, matches = ".+", disabledReason = TestDatabase.HOW_TO_RUN)
class DatabaseOutageIT {

    private static final Logger log = LoggerFactory.getLogger(DatabaseOutageIT.class);
    private static final Duration FAIL_FAST = Duration.ofSeconds(20);
    private static final String DATABASE = "oversight";

    private static ThrowawayPostgres server;
    private static Cluster cluster;
    private static AppNode node;

    @BeforeAll
    @Timeout(value = 200, unit = TimeUnit.SECONDS)
    static void startServerAndNode() {
        server = ThrowawayPostgres.start("outage");
        server.createDatabase(DATABASE);
        cluster = new Cluster();
        node = cluster.start("outage", AppNode.demoOnPostgres(server.url(DATABASE), ThrowawayPostgres.USER, ""));
    }

    @AfterAll
    static void stopAll() {
        try {
            if (cluster != null) {
                cluster.close();
            }
        } finally {
            if (server != null) {
                server.close();
            }
        }
    }

    @Test
    @Timeout(value = 150, unit = TimeUnit.SECONDS)
    void theNodeFailsFastWhileTheDatabaseIsDownAndRecoversWithoutRestart() throws Exception {
        NodeApi api = node.api();
        String before = api.submitted(ApiClient.freshExample("angry-customer")).get("id").asText();
        assertThat(api.readiness().status()).isEqualTo(200);

        // two agents keep submitting through the outage, so some submissions are in flight when the
        // database dies: each answer must be either a stored proposal or a 503, never a 500
        Map<String, Integer> answers = new ConcurrentHashMap<>();
        AtomicBoolean keepSubmitting = new AtomicBoolean(true);
        Runnable agentLoop = () -> {
            while (keepSubmitting.get()) {
                ObjectNode body = ApiClient.freshExample("angry-customer");
                answers.put(body.get("idempotencyKey").asText(), api.submit(body).status());
            }
        };
        CompletableFuture<Void> agents = CompletableFuture.allOf(CompletableFuture.runAsync(agentLoop),
                CompletableFuture.runAsync(agentLoop));
        ObjectNode attempted = ApiClient.freshExample("angry-customer");
        String attemptedKey = attempted.get("idempotencyKey").asText();
        try {
            await("the agents got through before the outage").atMost(Duration.ofSeconds(20))
                    .until(() -> answers.containsValue(201));

            server.stopImmediately();
            Instant down = Instant.now();
            log.info("PostgreSQL stopped (immediate)");

            Response readiness = timed("readiness while down", api::readiness);
            assertThat(readiness.status()).as("readiness while the database is down: %s", readiness.body()).isEqualTo(503);
            assertThat(readiness.json().get("status").asText()).isEqualTo("DOWN");

            assertUnavailable(timed("POST while down", () -> api.submit(attempted)));
            assertUnavailable(timed("GET while down", () -> api.proposal(before)));
            assertUnavailable(timed("GET by a reviewer while down (password check needs the database)",
                    () -> api.get("/api/v1/proposals/" + before, ApiClient.basic("lena"))));
            assertThat(answers).as("answers to the agents that kept submitting").allSatisfy((key, status) ->
                    assertThat(status).as(key).isIn(201, 503));
            await("the submitting agents also saw the outage").atMost(FAIL_FAST).until(() -> answers.containsValue(503));
            assertThat(timed("readiness still down", api::readiness).status()).isEqualTo(503);

            server.start();
            log.info("PostgreSQL started again after {} s down", Duration.between(down, Instant.now()).toSeconds());
            await("readiness UP again, without a restart").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> api.readiness().status() == 200);
        } finally {
            keepSubmitting.set(false);
        }
        agents.get(NodeApi.REQUEST_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS);
        Instant recovered = Instant.now();
        await("a new submission succeeds").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(500))
                .until(() -> api.submit(ApiClient.freshExample("angry-customer")).status() == 201);
        log.info("Recovered {} ms after readiness came back", Duration.between(recovered, Instant.now()).toMillis());
        assertThat(api.proposal(before).status()).isEqualTo(200);

        JdbcClient jdbc = server.jdbc(DATABASE);
        assertThat(rows(jdbc, attemptedKey)).as("the refused submission left nothing behind").isZero();
        answers.forEach((key, status) -> {
            assertThat(status).as("answer to %s", key).isIn(201, 503);
            long stored = rows(jdbc, key);
            long instances = jdbc.sql("select count(*) from act_hi_procinst i join ovs_proposal p on p.id = i.business_key_ "
                    + "where p.idempotency_key = ?").param(key).query(Long.class).single();
            assertThat(instances).as("process instances of %s (answered %s)", key, status).isEqualTo(stored);
            if (status == 201) {
                assertThat(stored).as("accepted %s is stored", key).isEqualTo(1);
            }
        });
        assertThat(jdbc.sql("select count(*) from ovs_proposal p where not exists "
                + "(select 1 from act_hi_procinst i where i.business_key_ = p.id)").query(Long.class).single())
                .as("proposals without a process instance").isZero();
        assertThat(jdbc.sql("select count(*) from act_hi_procinst i where i.proc_def_key_ = 'agent-proposal' and not exists "
                + "(select 1 from ovs_proposal p where p.id = i.business_key_)").query(Long.class).single())
                .as("process instances without a proposal").isZero();
        assertThat(api.submit(attempted).status()).as("the key refused during the outage is free").isEqualTo(201);
        log.info("Answers through the outage: {}", answers.values().stream()
                .collect(Collectors.groupingBy(s -> s, Collectors.counting())));
    }

    private static long rows(JdbcClient jdbc, String idempotencyKey) {
        return jdbc.sql("select count(*) from ovs_proposal where idempotency_key = ?").param(idempotencyKey)
                .query(Long.class).single();
    }

    private static Response timed(String what, Supplier<Response> call) {
        Instant start = Instant.now();
        Response response = call.get();
        Duration took = Duration.between(start, Instant.now());
        log.info("{}: {} in {} ms", what, response.status(), took.toMillis());
        assertThat(took).as("%s answered within %s", what, FAIL_FAST).isLessThanOrEqualTo(FAIL_FAST);
        return response;
    }

    private static void assertUnavailable(Response response) {
        assertThat(response.status()).as("answer while the database is down: %s", response.body()).isEqualTo(503);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode problem = response.json();
        assertThat(problem.get("status").asInt()).isEqualTo(503);
        assertThat(problem.get("title").asText()).isNotBlank();
    }
}
