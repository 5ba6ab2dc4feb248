package io.oversight.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.proposal.ProposalDocument;
import io.oversight.proposal.ProposalRequest;
import io.oversight.proposal.ProposalService;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.variable.VariableMap;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.value.TypedValue;
import org.camunda.spin.plugin.variable.SpinValues;
import org.camunda.spin.plugin.variable.value.JsonValue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Profile;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Benchmark-only bulk loader for bench/run.sh. NOT part of the product jar: the harness compiles it
 * from bench/java against the built jar and puts it on the class path with Spring Boot's
 * PropertiesLauncher ({@code -Dloader.path}); it is active only in the {@code bench} profile. It
 * lives under {@code /api/**}, so the product's API security applies (HTTP Basic of a member of
 * camunda-admin, support-leads or qa).
 *
 * <p>It fills the review queues with real open escalations through the engine, never by writing
 * engine tables. Two modes:
 * <ul>
 * <li>{@code submit}: the given proposal body is submitted {@code count} times through
 * {@link ProposalService#submit}, the path of {@code POST /api/v1/proposals} minus HTTP: signal
 * detection, escalationRules, routing, review task. Exactly what production does, and as slow.</li>
 * <li>{@code clone} (default): the body is submitted once through that same path; that proposal is
 * the template. Each clone then gets a copy of the template's ovs_proposal row (new id, key and
 * times) and its own agent-proposal process instance, started by the engine with the template's
 * variables (proposal id, key and SLA dates adapted) before {@code startActivity} — by default the
 * gateway in front of the review subprocess, where a proposal also re-enters after a
 * reassignment. From there everything is the product's: the review user task with candidate group,
 * priority and due date, the task listener's name, description and instance read grant, the SLA
 * timer jobs and the full history. Only signal detection and the rule evaluation, which leave
 * nothing in the queue but these variables, are skipped.</li>
 * </ul>
 * Commits are batched: {@code batch} proposals share one transaction (the engine joins
 * Spring-managed transactions) on each of {@code threads} worker threads.
 */
@RestController
@RequestMapping("/api/bench/open-escalations")
@Profile("bench")
class BenchFillController {

    private static final Logger log = LoggerFactory.getLogger(BenchFillController.class);
    private static final String AGENT = "demo-agent";
    private static final String PROCESS = "agent-proposal";
    private static final int CHUNK = 2000;

    private final ProposalService proposals;
    private final TransactionTemplate transaction;
    private final ObjectMapper mapper;
    private final RuntimeService runtime;
    private final JdbcTemplate jdbc;

    private final AtomicBoolean running = new AtomicBoolean();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger escalated = new AtomicInteger();
    private final AtomicReference<String> error = new AtomicReference<>();
    private volatile String mode = "";
    private volatile int target;
    private volatile long startedAt;
    private volatile long finishedAt;

    BenchFillController(ProposalService proposals, TransactionTemplate transaction, ObjectMapper mapper,
            RuntimeService runtime, JdbcTemplate jdbc) {
        this.proposals = proposals;
        this.transaction = transaction;
        this.mapper = mapper;
        this.runtime = runtime;
        this.jdbc = jdbc;
    }

    /** Starts filling in the background and answers at once; poll with GET, stop early with DELETE. */
    @PostMapping
    synchronized ResponseEntity<Map<String, Object>> start(@RequestParam int count,
            @RequestParam(defaultValue = "2") int threads, @RequestParam(defaultValue = "100") int batch,
            @RequestParam(defaultValue = "clone") String mode,
            @RequestParam(defaultValue = "xor_back_to_review") String startActivity,
            @RequestParam(defaultValue = "2") double spacingSeconds,
            @RequestBody JsonNode template) {
        if (running.get()) {
            return ResponseEntity.status(409).body(status());
        }
        if (!mode.equals("clone") && !mode.equals("submit") && !mode.equals("sql")) {
            return ResponseEntity.badRequest().body(Map.of("error", "mode is clone, submit or sql"));
        }
        String run = Long.toString(System.currentTimeMillis(), 36);
        if (mode.equals("sql")) {
            return startSql(count, template, run, spacingSeconds, threads);
        }
        if (template.isArray()) {
            return ResponseEntity.badRequest().body(Map.of("error", "modes clone and submit take one template"));
        }
        Worker worker = mode.equals("submit") ? submitter(template, run) : cloner(template, run, startActivity);
        running.set(true);
        stop.set(false);
        created.set(0);
        escalated.set(0);
        error.set(null);
        this.mode = mode;
        target = count;
        startedAt = System.nanoTime();
        finishedAt = 0;
        AtomicInteger next = new AtomicInteger();
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                try {
                    while (!stop.get() && error.get() == null) {
                        int from = next.getAndAdd(batch);
                        if (from >= count) {
                            break;
                        }
                        int to = Math.min(count, from + batch);
                        int esc = transaction.execute(tx -> {
                            int n = 0;
                            for (int i = from; i < to; i++) {
                                n += worker.create(i) ? 1 : 0;
                            }
                            return n;
                        });
                        created.addAndGet(to - from);
                        escalated.addAndGet(esc);
                    }
                } catch (RuntimeException e) {
                    log.error("bench fill failed", e);
                    error.compareAndSet(null, e.toString());
                } finally {
                    if (done.incrementAndGet() == threads) {
                        finishedAt = System.nanoTime();
                        running.set(false);
                        log.info("bench fill finished: {}", status());
                    }
                }
            });
        }
        pool.shutdown();
        return ResponseEntity.accepted().body(status());
    }

    /**
     * Mode sql: each template (one body or an array of bodies, e.g. one per queue) is submitted once
     * through the product, then copied inside PostgreSQL ({@link SqlCloner}); the copies are shared
     * evenly between the templates, in chunks of {@code CHUNK} copies per template and transaction.
     */
    private ResponseEntity<Map<String, Object>> startSql(int count, JsonNode body, String run, double spacingSeconds, int threads) {
        List<JsonNode> bodies = new java.util.ArrayList<>();
        if (body.isArray()) {
            body.forEach(bodies::add);
        } else {
            bodies.add(body);
        }
        List<SqlCloner> templates = new java.util.ArrayList<>();
        for (int t = 0; t < bodies.size(); t++) {
            ObjectNode copy = bodies.get(t).deepCopy();
            copy.put("idempotencyKey", "bench-fill-" + run + "-template-" + t);
            ProposalDocument first = proposals.submit(AGENT, mapper.convertValue(copy, ProposalRequest.class), copy).document();
            if (!first.escalated()) {
                return ResponseEntity.badRequest().body(Map.of("error", "template " + t + " was not escalated: " + first.status()));
            }
            ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(first.id())
                    .processDefinitionKey(PROCESS).singleResult();
            templates.add(new SqlCloner(jdbc, instance.getId(), first.id(), first.idempotencyKey()));
        }
        running.set(true);
        stop.set(false);
        created.set(templates.size());
        escalated.set(templates.size());
        error.set(null);
        this.mode = "sql";
        target = count;
        startedAt = System.nanoTime();
        finishedAt = 0;
        int copies = Math.max(0, count - templates.size());
        // the copies are shared evenly between the templates; the templates between up to `threads`
        // workers (template t on worker t % workers), each copying CHUNK copies per transaction
        int perTemplate = (copies + templates.size() - 1) / Math.max(1, templates.size());
        int[] quota = new int[templates.size()];
        for (int t = 0, left = copies; t < templates.size(); t++) {
            quota[t] = Math.min(perTemplate, left);
            left -= quota[t];
        }
        int workers = Math.max(1, Math.min(threads, templates.size()));
        AtomicInteger done = new AtomicInteger();
        for (int w = 0; w < workers; w++) {
            int worker = w;
            Thread thread = new Thread(() -> {
                try {
                    for (int t = worker; t < templates.size() && !stop.get(); t += workers) {
                        SqlCloner template = templates.get(t);
                        for (int copied = 0; copied < quota[t] && !stop.get(); ) {
                            int n = Math.min(CHUNK, quota[t] - copied);
                            int from = copied + 1;
                            transaction.executeWithoutResult(tx -> template.copy(run, from, n, spacingSeconds));
                            copied += n;
                            created.addAndGet(n);
                            escalated.addAndGet(n);
                        }
                    }
                } catch (RuntimeException e) {
                    log.error("bench fill (sql) failed", e);
                    error.compareAndSet(null, e.toString());
                    stop.set(true);
                } finally {
                    if (done.incrementAndGet() == workers) {
                        finishedAt = System.nanoTime();
                        running.set(false);
                        log.info("bench fill finished: {}", status());
                    }
                }
            }, "bench-fill-sql-" + w);
            thread.start();
        }
        Map<String, Object> status = status();
        status.put("templates", templates.stream().map(c -> Map.of("processInstanceId", c.processInstanceId(),
                "proposalId", c.proposalId(), "idempotencyKey", c.idempotencyKey(), "run", run)).toList());
        return ResponseEntity.accepted().body(status);
    }

    @GetMapping
    Map<String, Object> status() {
        long end = finishedAt != 0 ? finishedAt : System.nanoTime();
        double seconds = startedAt == 0 ? 0 : (end - startedAt) / 1e9;
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("running", running.get());
        status.put("mode", mode);
        status.put("target", target);
        status.put("created", created.get());
        status.put("escalated", escalated.get());
        status.put("seconds", Math.round(seconds * 10) / 10.0);
        status.put("perSecond", seconds > 0 ? Math.round(created.get() / seconds * 10) / 10.0 : 0);
        status.put("error", error.get());
        return status;
    }

    /** Stops after the batches in flight (the harness's time budget ran out). */
    @DeleteMapping
    Map<String, Object> stop() {
        stop.set(true);
        return status();
    }

    private interface Worker {
        /** Creates proposal number i in the current transaction; true when it is waiting for a person. */
        boolean create(int i);
    }

    private Worker submitter(JsonNode template, String run) {
        return i -> {
            ObjectNode body = template.deepCopy();
            body.put("idempotencyKey", "bench-fill-" + run + "-" + i);
            ProposalRequest request = mapper.convertValue(body, ProposalRequest.class);
            return proposals.submit(AGENT, request, body).document().escalated();
        };
    }

    private Worker cloner(JsonNode template, String run, String startActivity) {
        ObjectNode body = template.deepCopy();
        body.put("idempotencyKey", "bench-fill-" + run + "-template");
        ProposalDocument first = proposals.submit(AGENT, mapper.convertValue(body, ProposalRequest.class), body).document();
        if (!first.escalated()) {
            throw new IllegalArgumentException("the template proposal was not escalated: " + first.status());
        }
        String templateId = first.id();
        String templateKey = first.idempotencyKey();
        Instant templateCreated = first.createdAt();
        ProcessInstance instance = runtime.createProcessInstanceQuery().processInstanceBusinessKey(templateId)
                .processDefinitionKey(PROCESS).singleResult();
        VariableMap variables = runtime.getVariablesTyped(instance.getId(), true);
        List<String> columns = jdbc.queryForList(
                "select * from ovs_proposal where id = ?", templateId).get(0).keySet().stream()
                .map(String::toLowerCase).toList();
        Map<String, String> replaced = Map.of("id", "?", "idempotency_key", "?", "created_at", "?",
                "updated_at", "?", "created_ms", "?");
        String copyRow = "insert into ovs_proposal (" + String.join(", ", columns) + ") select "
                + columns.stream().map(c -> replaced.getOrDefault(c, c)).collect(Collectors.joining(", "))
                + " from ovs_proposal where id = ?";
        List<String> parameterOrder = columns.stream().filter(replaced::containsKey).toList();
        log.info("bench fill: template proposal {} (instance {}), {} variables, starting clones before {}",
                templateId, instance.getId(), variables.size(), startActivity);
        return i -> {
            String id = UUID.randomUUID().toString();
            String key = "bench-fill-" + run + "-" + i;
            Instant now = Instant.now();
            long shift = now.toEpochMilli() - templateCreated.toEpochMilli();
            Object[] args = new Object[parameterOrder.size() + 1];
            for (int p = 0; p < parameterOrder.size(); p++) {
                args[p] = switch (parameterOrder.get(p)) {
                    case "id" -> id;
                    case "idempotency_key" -> key;
                    case "created_ms" -> now.toEpochMilli();
                    default -> Timestamp.from(now);
                };
            }
            args[parameterOrder.size()] = templateId;
            jdbc.update(copyRow, args);
            VariableMap vars = Variables.createVariables();
            for (String name : variables.keySet()) {
                TypedValue value = variables.getValueTyped(name);
                Object plain = value.getValue();
                if (plain instanceof String s && (s.equals(templateId) || s.equals(templateKey))) {
                    vars.putValue(name, s.equals(templateId) ? id : key);
                } else if (plain instanceof Date d) {
                    vars.putValue(name, new Date(d.getTime() + shift));
                } else if (value instanceof JsonValue json) {
                    String text = json.getValueSerialized() != null ? json.getValueSerialized() : String.valueOf(json.getValue());
                    vars.putValueTyped(name, SpinValues.jsonValue(text.replace(templateId, id).replace(templateKey, key)).create());
                } else {
                    vars.putValueTyped(name, value);
                }
            }
            runtime.createProcessInstanceByKey(PROCESS).businessKey(id).setVariables(vars)
                    .startBeforeActivity(startActivity).execute();
            return true;
        };
    }
}
