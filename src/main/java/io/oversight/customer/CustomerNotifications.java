package io.oversight.customer;

import io.oversight.audit.AuditEventType;
import io.oversight.audit.AuditLog;
import io.oversight.proposal.ProposalChanged;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Records in the audit trail every holding message the customer is given. */
@Component
class CustomerNotifications {

    private final AuditLog audit;

    CustomerNotifications(AuditLog audit) {
        this.audit = audit;
    }

    @EventListener
    void onChange(ProposalChanged change) {
        if (change.customerMessage() != null) {
            audit.record(change.proposalId(), AuditEventType.CUSTOMER_NOTIFIED, "system",
                    AuditLog.details("message", change.customerMessage()));
        }
    }
}
