package io.oversight.audit;

import io.oversight.security.Caller;
import io.oversight.web.NotFoundException;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.web.server.ResponseStatusException;

/**
 * Who may read the audit ledger: the oversight owners (support leads, QA, Camunda admins) read
 * everything; an agent reads only the trails of proposals its own key submitted, and for any other
 * proposal gets the same 404 as for an unknown one, so it learns nothing of others' proposals.
 */
@Component
class AuditAccess {

    static final List<String> READERS = List.of("support-leads", "qa", "camunda-admin");

    private final JdbcClient jdbc;

    AuditAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The whole ledger (verify, export): people in a reader group only. */
    void requireLedgerReader(Caller caller) {
        if (caller == null || caller.isAgent() || !caller.isMemberOfAny(READERS)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only support leads, QA and admins read the ledger");
        }
    }

    /** One proposal's trail: its own agent, or people in a reader group. */
    void requireTrailReader(Caller caller, String proposalId) {
        if (caller != null && !caller.isAgent()) {
            requireLedgerReader(caller);
        }
        String agentId = jdbc.sql("select agent_id from ovs_proposal where id = ?").param(proposalId)
                .query(String.class).optional()
                .orElseThrow(() -> new NotFoundException("No proposal " + proposalId));
        if (caller == null || (caller.isAgent() && !caller.id().equals(agentId))) {
            throw new NotFoundException("No proposal " + proposalId);
        }
    }
}
