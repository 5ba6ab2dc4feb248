package io.oversight.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.oversight.proposal.ProposalChanged;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Counter {@code oversight.proposal.status.changes{status}}: committed status changes on this
 * node (PENDING_REVIEW on escalation, APPROVED, EDITED, REJECTED, … on decisions), for
 * {@code rate()} in Prometheus. Rolled-back changes are not counted.
 */
@Component
class StatusChangeCounter {

    private final MeterRegistry registry;

    StatusChangeCounter(MeterRegistry registry) {
        this.registry = registry;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onChange(ProposalChanged change) {
        if (change.status() != null) {
            Counter.builder("oversight.proposal.status.changes").description("Committed proposal status changes")
                    .tag("status", change.status().name()).register(registry).increment();
        }
    }
}
