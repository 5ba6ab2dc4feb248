package io.oversight.proposal;

import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionPhase;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Long polls without holding a server thread: each waiting agent is a {@link DeferredResult}
 * answered when its proposal's status changes. Changes made on this node wake waiters right after
 * commit; changes made on other cluster nodes are caught by a short database poll of the watched
 * ids only.
 */
@Component
class ProposalWatch {

    private static final Logger log = LoggerFactory.getLogger(ProposalWatch.class);

    private record Waiter(ProposalStatus seen, DeferredResult<ResponseEntity<ProposalDocument>> result) {}

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
        Waiter waiter = new Waiter(current.status(), result);
        waiters.computeIfAbsent(current.id(), id -> new CopyOnWriteArrayList<>()).add(waiter);
        result.onTimeout(() -> answer(current.id(), waiter));
        result.onCompletion(() -> remove(current.id(), waiter));
        // The status may have changed between the read and the registration.
        proposals.find(current.id()).filter(now -> now.status() != current.status())
                .ifPresent(now -> waiter.result().setResult(ResponseEntity.ok(now)));
        return result;
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
                .forEach(w -> w.result().setResult(ResponseEntity.ok(now))));
    }

    private void answer(String id, Waiter waiter) {
        proposals.find(id).ifPresent(now -> waiter.result().setResult(ResponseEntity.ok(now)));
    }

    private void remove(String id, Waiter waiter) {
        waiters.computeIfPresent(id, (key, list) -> {
            list.remove(waiter);
            return list.isEmpty() ? null : list;
        });
    }
}
