package io.oversight.notify;

import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Sends deliveries off the engine's threads: right after the recording transaction commits, and
 * from a sweeper that picks up whatever is due (retries, deliveries of other nodes, or ones the
 * busy pool turned away). The pool is small and its queue bounded; what does not fit waits for
 * the next sweep.
 */
@Component
class WebhookDispatcher implements DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(WebhookDispatcher.class);
    private static final int THREADS = 2;
    private static final int QUEUE = 200;
    private static final int SWEEP_BATCH = 50;

    private final WebhookDeliverer deliverer;
    private final WebhookOutbox outbox;
    private final WebhookProperties properties;
    private final ThreadPoolExecutor pool;
    /** Ids queued or running on this node, so a sweep does not queue them twice. */
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    WebhookDispatcher(WebhookDeliverer deliverer, WebhookOutbox outbox, WebhookProperties properties) {
        this.deliverer = deliverer;
        this.outbox = outbox;
        this.properties = properties;
        AtomicInteger threads = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.SECONDS, new ArrayBlockingQueue<>(QUEUE),
                task -> {
                    Thread thread = new Thread(task, "oversight-webhook-" + threads.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onQueued(DeliveryQueued queued) {
        dispatch(queued.deliveryId());
    }

    @Scheduled(fixedDelayString = "${oversight.webhooks.sweep-interval:1s}")
    void sweep() {
        if (!properties.enabled() || !properties.canSign()) {
            return;
        }
        java.util.List<String> due;
        try {
            due = outbox.due(Instant.now(), SWEEP_BATCH);
        } catch (org.springframework.dao.DataAccessException e) {
            org.slf4j.LoggerFactory.getLogger(WebhookDispatcher.class)
                    .warn("Webhook sweep skipped, database unavailable: {}", e.getMostSpecificCause().getMessage());
            return;
        }
        for (String id : due) {
            if (!dispatch(id)) {
                return;
            }
        }
    }

    /** Hands a delivery to the pool; false when the pool is full (the sweeper will come back to it). */
    boolean dispatch(String deliveryId) {
        if (!inFlight.add(deliveryId)) {
            return true;
        }
        try {
            pool.execute(() -> run(deliveryId));
            return true;
        } catch (RejectedExecutionException full) {
            inFlight.remove(deliveryId);
            log.debug("Webhook pool is busy; delivery {} waits for the sweeper", deliveryId);
            return false;
        }
    }

    private void run(String deliveryId) {
        Optional<String> next = Optional.empty();
        try {
            next = deliverer.attempt(deliveryId);
        } catch (RuntimeException e) {
            log.warn("Webhook delivery {} could not be attempted; the sweeper retries it", deliveryId, e);
        } finally {
            inFlight.remove(deliveryId);
        }
        next.ifPresent(this::dispatch);
    }

    @Override
    public void destroy() throws InterruptedException {
        pool.shutdown();
        if (!pool.awaitTermination(properties.requestTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
            // Claims of interrupted attempts lapse, and another node (or the next start) sends them.
            pool.shutdownNow();
        }
    }
}
