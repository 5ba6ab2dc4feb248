package io.oversight.action;

import jakarta.annotation.PreDestroy;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.client.ExternalTaskClient;
import org.camunda.bpm.client.interceptor.auth.BasicAuthProvider;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * A stand-in action system for the demo, built on Camunda's official external task client: it
 * fetches approved actions over engine-rest, "executes" them once per idempotency key, and
 * reports failures so retries and incidents follow the engine's rules. A real billing or CRM
 * system does the same against its own API.
 */
@Component
@ConditionalOnProperty(name = "oversight.action-worker.enabled", havingValue = "true")
class ReferenceActionWorker {

    private static final Logger log = LoggerFactory.getLogger(ReferenceActionWorker.class);

    private final ActionWorkerProperties properties;
    private final Set<String> executedKeys = ConcurrentHashMap.newKeySet();
    private ExternalTaskClient client;

    ReferenceActionWorker(ActionWorkerProperties properties) {
        this.properties = properties;
    }

    @EventListener
    void start(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() != null) {
            return; // the management port, if separate
        }
        client = ExternalTaskClient.create()
                .baseUrl("http://localhost:" + event.getWebServer().getPort() + "/engine-rest")
                .addInterceptor(new BasicAuthProvider(properties.user(), properties.password()))
                .workerId("reference-action-worker")
                .asyncResponseTimeout(10_000)
                .lockDuration(properties.lockDuration().toMillis())
                .build();
        for (String kind : properties.kinds()) {
            client.subscribe("action-" + kind.toLowerCase(Locale.ROOT)).handler(this::execute).open();
        }
        log.info("Reference action worker serving {}", properties.kinds());
    }


    private void execute(ExternalTask task, ExternalTaskService service) {
        String key = task.getVariable(ActionRelease.IDEMPOTENCY_KEY);
        Object action = task.getVariable(ActionRelease.ACTION);
        try {
            if (String.valueOf(action).contains("\"simulateFailure\":true")) {
                throw new IllegalStateException("the action system refused the action (simulated failure)");
            }
            if (executedKeys.add(task.getProcessInstanceId() + "/" + key)) {
                log.info("Executed {} for proposal {}: {}", task.getTopicName(),
                        task.getVariable(ActionRelease.PROPOSAL_ID), action);
            }
            service.complete(task, Map.of("actionResult", "done"), null);
        } catch (RuntimeException e) {
            int retries = task.getRetries() == null ? properties.retries() - 1 : task.getRetries() - 1;
            service.handleFailure(task, e.getMessage(), e.toString(), Math.max(retries, 0),
                    properties.retryTimeout().toMillis());
        }
    }

    @PreDestroy
    void stop() {
        if (client != null) {
            client.stop();
        }
    }
}
