package io.oversight.audit;

import java.util.Map;
import org.springframework.stereotype.Component;

/** TEMPORARY until the ledger lands: records nothing. */
@Component
class PendingAuditLog implements AuditLog {

    @Override
    public void record(String proposalId, AuditEventType type, String actor, Map<String, Object> details) {
        // replaced by the ledger
    }
}
