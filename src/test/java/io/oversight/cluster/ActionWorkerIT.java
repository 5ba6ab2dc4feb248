package io.oversight.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.oversight.support.ApiClient;
import io.oversight.support.ApiClient.Response;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
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
 * Approved actions run exactly once with two action systems on the same topic, one talking to
 * each node of a two-node cluster, including when a worker dies holding a task: its lock expires,
 * the other worker takes over, and the dead worker's late completion is refused.
 */
@EnabledIfEnvironmentVariable(named = TestDatabase.URL_VARIABLE, matches = ".+", disabledReason = TestDatabase.HOW_TO_RUN)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ActionWorkerIT {

    private static final Logger log = LoggerFactory.getLogger(ActionWorkerIT.class);
    private static final int REFUNDS = 6;

    private static TestDatabase database;
    private static JdbcClient jdbc;
    private static Cluster cluster;
    private static AppNode nodeA;
    private static AppNode nodeB;

    @BeforeAll
    @Timeout(value = 200, unit = TimeUnit.SECONDS)
    static void startTwoNodes() {
        database = TestDatabase.createFresh("actions");
        cluster = new Cluster();
        List<AppNode> nodes = cluster.start(AppNode.demoOnPostgres(database.url(), database.user(), database.password()),
                "actions-a", "actions-b");
        nodeA = nodes.get(0);
        nodeB = nodes.get(1);
        jdbc = database.jdbc();
        jdbc.sql(TestActionWorker.TABLE_DDL).update(); // after the nodes migrated the (then empty) database
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
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void twoWorkersExecuteEachApprovedActionExactlyOnce() {
        List<String> ids = new ArrayList<>();
        try (TestActionWorker onA = TestActionWorker.executing("worker-a", nodeA.baseUrl(), jdbc);
                TestActionWorker onB = TestActionWorker.executing("worker-b", nodeB.baseUrl(), jdbc)) {
            for (int i = 0; i < REFUNDS; i++) {
                NodeApi node = (i % 2 == 0 ? nodeA : nodeB).api();
                String id = submitRefund(node);
                approve(i % 2 == 0 ? nodeB.api() : nodeA.api(), id);
                ids.add(id);
            }
            await("every refund executed").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(300))
                    .untilAsserted(() -> assertThat(ids).allSatisfy(id ->
                            assertThat(nodeA.api().status(id)).as(id).isEqualTo("EXECUTED")));

            assertThat(onA.executedTwice()).as("double executions on worker-a").isEmpty();
            assertThat(onB.executedTwice()).as("double executions on worker-b").isEmpty();
            assertThat(onA.failures()).isEmpty();
            assertThat(onB.failures()).isEmpty();
            log.info("worker-a executed {}, worker-b executed {}", onA.executed().size(), onB.executed().size());
        }
        Map<String, Long> executions = jdbc.sql("select proposal_id, count(*) from it_action_executions group by proposal_id")
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        assertThat(executions).as("one execution per approved refund").hasSize(REFUNDS)
                .containsOnlyKeys(ids).allSatisfy((id, count) -> assertThat(count).isEqualTo(1L));
    }

    @Test
    @Order(2)
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aWorkerThatDiesHoldingATaskLosesItToTheOtherWhenTheLockExpires() {
        String id = submitRefund(nodeB.api());
        TestActionWorker.Fetched held;
        try (TestActionWorker dying = TestActionWorker.dyingAfterFetch("worker-dying", nodeA.baseUrl(), 2_000)) {
            approve(nodeA.api(), id);
            await("the dying worker fetched and locked the action").atMost(Duration.ofSeconds(20))
                    .until(() -> !dying.fetched().isEmpty());
            held = dying.fetched().get(0);
        } // stops: it never completes the task
        assertThat(held.proposalId()).isEqualTo(id);

        CountDownLatch lateCompletionTried = new CountDownLatch(1);
        try (TestActionWorker survivor = TestActionWorker.executingAfter("worker-survivor", nodeB.baseUrl(), jdbc,
                lateCompletionTried)) {
            await("the other worker takes the task once the lock expired").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100)).until(() -> !survivor.fetched().isEmpty());
            TestActionWorker.Fetched taken = survivor.fetched().get(0);
            assertThat(taken.taskId()).isEqualTo(held.taskId());
            assertThat(taken.at()).as("taken only after the dying worker's lock expired")
                    .isAfterOrEqualTo(held.lockExpiresAt().minusMillis(50));

            Response late = nodeA.api().completeExternalTask(held.taskId(), "worker-dying");
            assertThat(late.status()).as("the dead worker's late completion is refused: %s", late.body()).isGreaterThanOrEqualTo(400);
            assertThat(late.body()).contains("worker-survivor");
            lateCompletionTried.countDown();

            await("executed by the survivor").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
                    .until(() -> nodeA.api().status(id).equals("EXECUTED"));
            assertThat(survivor.executedTwice()).isEmpty();
            assertThat(survivor.failures()).isEmpty();
        }
        assertThat(jdbc.sql("select worker from it_action_executions where proposal_id = ?").param(id)
                .query(String.class).list()).as("exactly one execution, by the survivor").containsExactly("worker-survivor");

        Response afterwards = nodeB.api().completeExternalTask(held.taskId(), "worker-dying");
        assertThat(afterwards.status()).as("a completion after the fact is refused: %s", afterwards.body())
                .isGreaterThanOrEqualTo(400);
        assertThat(nodeB.api().status(id)).isEqualTo("EXECUTED");
    }

    private static String submitRefund(NodeApi node) {
        JsonNode doc = node.submitted(ApiClient.freshExample("refund-approval"));
        assertThat(doc.get("status").asText()).isEqualTo("PENDING_REVIEW");
        assertThat(doc.get("review").get("queue").asText()).isEqualTo("support-leads");
        return doc.get("id").asText();
    }

    private static void approve(NodeApi node, String id) {
        Response decided = node.decide(node.task(id, "lena").get("id").asText(), "lena", "APPROVE");
        assertThat(decided.status()).as("approval of %s answered %s", id, decided.body()).isEqualTo(204);
    }
}
