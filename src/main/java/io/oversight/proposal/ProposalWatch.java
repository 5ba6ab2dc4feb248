package io.oversight.proposal;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Long polls without holding a server thread: each waiting agent (a REST {@link DeferredResult}, an
 * MCP tool call) is a future completed when its proposal's status changes. Changes made on this node wake waiters right after
 * commit; changes made on other cluster nodes are caught by a short database poll of the watched
 * ids only.
 */
@Component
public class ProposalWatch {

    /** The longest a long poll may wait (CONTRACT §3: waitSeconds 0–60). */
    public static final int MAX_WAIT_SECONDS = 60;

    private static final Logger log = LoggerFactory.getLogger(ProposalWatch.class);

    private record Waiter(ProposalStatus seen, CompletableFuture<ProposalDocument> change) {}

    private final Map<String, List<Waiter>> waiters = new ConcurrentHashMap<>();
    private final ProposalService proposals;
    private final ProposalStore store;

    ProposalWatch(ProposalService proposals, ProposalStore store) {
        this.proposals = proposals;
        this.store = store;
    }

    DeferredResult<ResponseEntity<ProposalDocument>> await(ProposalDocument current, int waitSeconds) {
        var result = new DeferredResult<ResponseEntity<ProposalDocument>>(Duration.ofSeconds(waitSeconds).toMillis());
        if (waitSeconds == 0) {
            result.setResult(ResponseEntity.ok(current));
            return result;
        }
        CompletableFuture<ProposalDocument> change = nextChange(current);
        change.thenAccept(now -> result.setResult(ResponseEntity.ok(now)));
        result.onTimeout(() -> {
            change.cancel(false);
            proposals.find(current.id()).ifPresent(now -> result.setResult(ResponseEntity.ok(now)));
        });
        result.onCompletion(() -> change.cancel(false));
        return result;
    }

    /**
     * Completes with the proposal as soon as its status differs from {@code current}'s. Holds no
     * thread; the caller bounds the wait, and cancelling the future stops watching.
     */
    public CompletableFuture<ProposalDocument> nextChange(ProposalDocument current) {
        var change = new CompletableFuture<ProposalDocument>();
        Waiter waiter = new Waiter(current.status(), change);
        waiters.computeIfAbsent(current.id(), id -> new CopyOnWriteArrayList<>()).add(waiter);
        change.whenComplete((document, failure) -> remove(current.id(), waiter));
        // The status may have changed between the read and the registration.
        proposals.find(current.id()).filter(now -> now.status() != current.status()).ifPresent(change::complete);
        return change;
    }

    @TransactionalEventListener(phase = TransactionPhase.AFTER_COMMIT, fallbackExecution = true)
    void onChange(ProposalChanged change) {
        wake(change.proposalId());
    }

    /** Catches status changes committed by other nodes of the cluster. */
    @Scheduled(fixedDelayString = "${oversight.long-poll.cluster-check:PT1S}")
    void checkOtherNodes() {
        Set<String> watched = waiters.keySet();
        if (watched.isEmpty()) {
            return;
        }
        Map<String, ProposalStatus> statuses;
        try {
            statuses = store.statuses(List.copyOf(watched));
        } catch (DataAccessException e) {
            log.warn("Long polls cannot see other nodes' changes right now: {}", e.getMostSpecificCause().getMessage());
            return;
        }
        statuses.forEach((id, status) -> {
            List<Waiter> list = waiters.get(id);
            if (list != null && list.stream().anyMatch(w -> w.seen() != status)) {
                wake(id);
            }
        });
    }

    int waiting() {
        return waiters.values().stream().mapToInt(List::size).sum();
    }

    private void wake(String id) {
        List<Waiter> list = waiters.get(id);
        if (list == null || list.isEmpty()) {
            return;
        }
        proposals.find(id).ifPresent(now -> list.stream().filter(w -> w.seen() != now.status())
                .forEach(w -> w.change().complete(now)));
    }

    private void remove(String id, Waiter waiter) {
        waiters.computeIfPresent(id, (key, list) -> {
            list.remove(waiter);
            return list.isEmpty() ? null : list;
        });
    }
}
