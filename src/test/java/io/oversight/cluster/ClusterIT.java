package io.oversight.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.support.ApiClient;
import io.oversight.support.ApiClient.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Two application processes from the packaged jar on one fresh PostgreSQL database, as a cluster
 * behind a load balancer runs: what one node accepted, the other shows and decides; a node killed
 * with SIGKILL loses nothing; a timer fires once, not once per node. The job executor runs on both
 * nodes, and the SLA warning is due 0.3 % into the SLA (about 2.7 s of an angry customer's 15 min).
 */
@EnabledIfEnvironmentVariable(named = TestDatabase.URL_VARIABLE, matches = ".+", disabledReason = TestDatabase.HOW_TO_RUN)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClusterIT {

    private static final Logger log = LoggerFactory.getLogger(ClusterIT.class);
    /** A demo user of each queue (CONTRACT §2). */
    private static final Map<String, String> REVIEWER = Map.of("support-agents", "alice", "support-leads", "lena",
            "billing", "bill", "trust-safety", "sam", "legal", "lee", "finance", "fran");

    private static TestDatabase database;
    private static Cluster cluster;
    private static AppNode nodeA;
    private static AppNode nodeB;

    @BeforeAll
    @Timeout(value = 200, unit = TimeUnit.SECONDS)
    static void startTwoNodes() {
        database = TestDatabase.createFresh("cluster");
        cluster = new Cluster();
        List<AppNode> nodes = cluster.start(AppNode.demoOnPostgres(database.url(), database.user(), database.password())
                .with("--oversight.review.sla-warning-share=0.003", "--oversight.audit.checkpoint-interval=2s"),
                "cluster-a", "cluster-b");
        nodeA = nodes.get(0);
        nodeB = nodes.get(1);
        log.info("Cluster up: {} and {}", nodeA, nodeB);
    }

    @AfterAll
    static void stopNodes() {
        if (cluster != null) {
            cluster.close();
        }
        if (database != null) {
            database.close();
        }
    }

    @Test
    @Order(1)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void proposalSubmittedToOneNodeIsVisibleAndDecidableOnTheOther() throws Exception {
        NodeApi a = nodeA.api();
        NodeApi b = nodeB.api();
        JsonNode submitted = a.submitted(ApiClient.freshExample("angry-customer"));
        String id = submitted.get("id").asText();
        assertThat(submitted.get("status").asText()).isEqualTo("PENDING_REVIEW");
        assertThat(b.status(id)).as("node B reads what node A accepted").isEqualTo("PENDING_REVIEW");

        CompletableFuture<Response> longPoll = CompletableFuture.supplyAsync(() -> a.proposal(id, 20));
        awaitLongPollWaiting(nodeA);

        JsonNode task = b.task(id, "lena");
        Response decided = b.decide(task.get("id").asText(), "lena", "APPROVE");
        assertThat(decided.status()).as("completion on node B answered %s", decided.body()).isEqualTo(204);
        Instant decidedAt = Instant.now();

        assertThat(a.status(id)).as("node A reads node B's decision").isEqualTo("APPROVED");
        Response woken = longPoll.get(25, TimeUnit.SECONDS);
        Duration wake = Duration.between(decidedAt, Instant.now());
        assertThat(woken.status()).isEqualTo(200);
        assertThat(woken.json().get("status").asText()).as("the long poll on A answers with B's decision").isEqualTo("APPROVED");
        assertThat(woken.json().get("outcome").get("decidedBy").asText()).isEqualTo("lena");
        assertThat(wake).as("woken by the cross-node poll, not by its 20 s timeout").isLessThan(Duration.ofSeconds(8));
        log.info("Long poll on A woke {} ms after the decision on B", wake.toMillis());
    }

    @Test
    @Order(2)
    @Timeout(value = 120, unit = TimeUnit.SECONDS)
    void aTimerFiresExactlyOnceAcrossTwoNodes() {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            NodeApi node = (i % 2 == 0 ? nodeA : nodeB).api();
            JsonNode doc = node.submitted(ApiClient.freshExample("angry-customer"));
            assertThat(doc.get("review").get("priority").asInt()).isEqualTo(80);
            ids.add(doc.get("id").asText());
        }
        JdbcClient jdbc = database.jdbc();
        Map<String, String> instances = new LinkedHashMap<>();
        ids.forEach(id -> instances.put(id, jdbc.sql("select id_ from act_hi_procinst where business_key_ = ?")
                .param(id).query(String.class).single()));

        await("every SLA warning has fired and its timer is gone").atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500)).untilAsserted(() -> instances.values().forEach(instance -> {
                    assertThat(count(jdbc, "select count(*) from act_hi_actinst where proc_inst_id_ = ? "
                            + "and act_id_ = 'task_sla_warning' and end_time_ is not null", instance)).isPositive();
                    assertThat(count(jdbc, "select count(*) from act_ru_job j join act_ru_jobdef d on d.id_ = j.job_def_id_ "
                            + "where j.process_instance_id_ = ? and d.act_id_ = 'timer_sla_warning'", instance)).isZero();
                }));

        boolean ledger = count(jdbc, "select count(*) from information_schema.tables where table_name = 'ovs_audit_event'", null) > 0;
        for (String id : ids) {
            String instance = instances.get(id);
            assertThat(count(jdbc, "select count(*) from act_hi_actinst where proc_inst_id_ = ? and act_id_ = 'task_sla_warning'",
                    instance)).as("SLA warning activities of %s", id).isEqualTo(1);
            assertThat(nodeB.api().task(id, "lena").get("priority").asInt())
                    .as("priority raised once (80 -> 90, not 100)").isEqualTo(90);
            assertThat(nodeA.api().proposal(id).json().get("review").get("priority").asInt()).isEqualTo(90);
            if (ledger) {
                assertThat(count(jdbc, "select count(*) from ovs_audit_event where proposal_id = ? and type = 'SLA_WARNING'", id))
                        .as("SLA_WARNING ledger rows of %s", id).isEqualTo(1);
            }
        }
        log.info("SLA_WARNING ledger rows {}", ledger ? "checked" : "not checked (no ovs_audit_event table)");
        log.info("SLA warning timers ran on: {}", jdbc.sql("select hostname_, count(*) from act_hi_job_log "
                + "where act_id_ = 'timer_sla_warning' and job_state_ = 2 group by hostname_")
                .query((rs, n) -> rs.getString(1) + "=" + rs.getLong(2)).list());
    }

    @Test
    @Order(3)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void killMinusNineLosesNoPendingReview() {
        Map<String, String> queueOf = new LinkedHashMap<>();
        String[] examples = {"angry-customer", "refund-approval", "legal-question", "account-access", "angry-customer"};
        for (int i = 0; i < examples.length; i++) {
            NodeApi node = (i % 2 == 0 ? nodeA : nodeB).api();
            JsonNode doc = node.submitted(ApiClient.freshExample(examples[i]));
            assertThat(doc.get("status").asText()).as(examples[i]).isEqualTo("PENDING_REVIEW");
            queueOf.put(doc.get("id").asText(), doc.get("review").get("queue").asText());
        }

        long pid = nodeA.pid();
        nodeA.kill();
        assertThat(ProcessHandle.of(pid)).as("PID %s is gone", pid).isEmpty();

        NodeApi b = nodeB.api();
        queueOf.forEach((id, queue) -> {
            assertThat(b.status(id)).as("%s after node A was killed", id).isEqualTo("PENDING_REVIEW");
            assertThat(b.tasks(id, REVIEWER.get(queue))).as("open review task of %s in %s", id, queue).hasSize(1);
        });
        queueOf.forEach((id, queue) -> {
            String user = REVIEWER.get(queue);
            Response decided = b.decide(b.task(id, user).get("id").asText(), user, "APPROVE");
            assertThat(decided.status()).as("decision on %s answered %s", id, decided.body()).isEqualTo(204);
            assertThat(b.status(id)).isEqualTo("APPROVED");
        });
    }

    @Test
    @Order(4)
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void theLedgerBothNodesWroteVerifiesAgainstTheCheckpointFileBothNodesShare() throws Exception {
        await("a checkpoint after the last decisions").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    JsonNode verification = nodeB.api().get("/api/v1/audit/verify", ApiClient.basic("quinn")).json();
                    assertThat(verification.get("valid").asBoolean()).as("%s", verification).isTrue();
                    assertThat(verification.get("entries").asLong()).isPositive();
                    assertThat(verification.get("checkpoints").get("latest").isNull()).isFalse();
                });
        String ledger = database.jdbc().sql("select setting_value from ovs_ledger_setting where name = 'ledger-id'")
                .query(String.class).single();
        // both nodes run in target/cluster and use the default ./data/ledger-checkpoints.jsonl
        Path file = Path.of(System.getProperty("oversight.jar")).getParent().resolve("cluster/data/ledger-checkpoints.jsonl");
        ObjectMapper json = new ObjectMapper();
        Set<String> writers = new HashSet<>();
        for (String line : Files.readAllLines(file)) {
            JsonNode checkpoint = json.readTree(line);
            if (ledger.equals(checkpoint.get("ledger").asText())) {
                writers.add(checkpoint.get("node").asText());
            }
        }
        assertThat(writers).as("nodes that checkpointed this ledger").hasSize(2);
    }

    /**
     * Until the long poll is in flight on the node: Boot's active-requests meter counts it, next to
     * the metrics request itself (nothing else talks to the node meanwhile).
     */
    private static void awaitLongPollWaiting(AppNode node) {
        NodeApi api = node.api();
        await("the long poll is waiting on " + node.name()).atMost(Duration.ofSeconds(10))
                .pollInterval(Duration.ofMillis(50)).until(() -> {
                    Response active = api.get("/actuator/metrics/http.server.requests.active", ApiClient.basic("admin"));
                    if (active.status() != 200) {
                        return false;
                    }
                    for (JsonNode m : active.json().get("measurements")) {
                        if (m.get("statistic").asText().equals("ACTIVE_TASKS") && m.get("value").asDouble() >= 2) {
                            return true;
                        }
                    }
                    return false;
                });
    }

    private static long count(JdbcClient jdbc, String sql, String param) {
        var statement = jdbc.sql(sql);
        if (param != null) {
            statement = statement.param(param);
        }
        return statement.query(Long.class).single();
    }
}
