package io.oversight.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.security.Caller;
import java.time.Instant;
import java.util.List;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A proposal's audit trail, oldest first (CONTRACT §3, {@code GET /api/v1/proposals/{id}/audit}). */
@RestController
class ProposalTrailController {

    record Trail(String proposalId, List<Event> events) {}

    record Event(Instant at, String type, String actor, JsonNode details) {}

    private final AuditAccess access;
    private final LedgerReader reader;
    private final ObjectMapper mapper;

    ProposalTrailController(AuditAccess access, LedgerReader reader, ObjectMapper mapper) {
        this.access = access;
        this.reader = reader;
        this.mapper = mapper;
    }

    @GetMapping("/api/v1/proposals/{id}/audit")
    Trail trail(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        access.requireTrailReader(caller, id);
        List<Event> events = reader.ofProposal(id).stream()
                .map(e -> new Event(e.occurredAt(), e.type(), e.actor(), details(e)))
                .toList();
        return new Trail(id, events);
    }

    private JsonNode details(LedgerEntry entry) {
        try {
            return mapper.readTree(entry.details());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit entry " + entry.id() + " holds no JSON details", e);
        }
    }
}
