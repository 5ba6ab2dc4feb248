package io.oversight.cluster;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.backoff.ExponentialBackoffStrategy;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskHandler;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * An action system for the tests, built on Camunda's official external task client like a real
 * billing system would be: it executes an action by writing its idempotency key into
 * {@code it_action_executions}, whose primary key makes a second execution of the same action
 * fail visibly, then completes the external task.
 */
final class TestActionWorker implements AutoCloseable {

    static final String TOPIC = "action-refund";
    static final String TABLE_DDL = """
            create table if not exists it_action_executions (
                idempotency_key varchar(200) primary key,
                proposal_id     varchar(36)  not null,
                worker          varchar(50)  not null,
                at              timestamp with time zone not null)""";

    /** What a worker saw of one task it fetched and locked. */
    record Fetched(String taskId, String idempotencyKey, String proposalId, Instant at, Instant lockExpiresAt) {}

    private final String workerId;
    private final ExternalTaskClient client;
    private final List<Fetched> fetched = new CopyOnWriteArrayList<>();
    private final List<String> executed = new CopyOnWriteArrayList<>();
    private final List<String> executedTwice = new CopyOnWriteArrayList<>();
    private final List<String> failures = new CopyOnWriteArrayList<>();

    private TestActionWorker(String workerId, String baseUrl, long lockMillis, HandlerFactory handler) {
        this.workerId = workerId;
        this.client = ExternalTaskClient.create()
                .baseUrl(baseUrl + "/engine-rest")
                .workerId(workerId)
                .addInterceptor(new BasicAuthProvider("action-worker", "action-worker"))
                .maxTasks(2)
                .lockDuration(lockMillis)
                // poll often: the default backoff grows to a minute between empty fetches
                .backoffStrategy(new ExponentialBackoffStrategy(100, 2f, 500))
                .build();
        client.subscribe(TOPIC).handler(handler.create(this)).open();
    }

    private interface HandlerFactory {
        ExternalTaskHandler create(TestActionWorker worker);
    }

    /** Executes every action it fetches, once, and completes it. */
    static TestActionWorker executing(String workerId, String baseUrl, JdbcClient jdbc) {
        return new TestActionWorker(workerId, baseUrl, 20_000, worker -> (task, service) -> {
            worker.seen(task);
            worker.execute(task, service, jdbc);
        });
    }

    /**
     * Executes what it fetches only once {@code gate} lets it (the test looks at the locked task in
     * between), then completes it.
     */
    static TestActionWorker executingAfter(String workerId, String baseUrl, JdbcClient jdbc, CountDownLatch gate) {
        return new TestActionWorker(workerId, baseUrl, 20_000, worker -> (task, service) -> {
            worker.seen(task);
            try {
                if (!gate.await(30, TimeUnit.SECONDS)) {
                    worker.failures.add("gate never opened for " + task.getId());
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            worker.execute(task, service, jdbc);
        });
    }

    /** Fetches and locks with a short lock, then does nothing: a worker that dies holding the task. */
    static TestActionWorker dyingAfterFetch(String workerId, String baseUrl, long lockMillis) {
        return new TestActionWorker(workerId, baseUrl, lockMillis, worker -> (task, service) -> worker.seen(task));
    }

    private void seen(ExternalTask task) {
        Instant lockExpires = task.getLockExpirationTime() == null ? null : task.getLockExpirationTime().toInstant();
        fetched.add(new Fetched(task.getId(), task.getVariable("idempotencyKey"), task.getVariable("proposalId"),
                Instant.now(), lockExpires));
    }

    private void execute(ExternalTask task, ExternalTaskService service, JdbcClient jdbc) {
        String key = task.getVariable("idempotencyKey");
        try {
            jdbc.sql("insert into it_action_executions (idempotency_key, proposal_id, worker, at) values (?, ?, ?, ?)")
                    .params(key, task.getVariable("proposalId"), workerId, OffsetDateTime.now(ZoneOffset.UTC)).update();
            executed.add(key);
        } catch (DuplicateKeyException e) {
            executedTwice.add(key);
            return; // never complete a second execution: the test must see it
        }
        try {
            service.complete(task, Map.of("actionResult", "done by " + workerId));
        } catch (RuntimeException e) {
            failures.add("complete " + task.getId() + ": " + e.getMessage());
        }
    }

    String workerId() {
        return workerId;
    }

    List<Fetched> fetched() {
        return List.copyOf(fetched);
    }

    List<String> executed() {
        return List.copyOf(executed);
    }

    /** Idempotency keys this worker found already executed when it tried: each one a double execution. */
    List<String> executedTwice() {
        return List.copyOf(executedTwice);
    }

    List<String> failures() {
        return List.copyOf(failures);
    }

    /** Stops fetching; whatever it holds stays locked until the lock expires. */
    @Override
    public void close() {
        client.stop();
    }
}
