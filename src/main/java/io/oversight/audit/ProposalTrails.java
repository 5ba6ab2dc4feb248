package io.oversight.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.security.Caller;
import java.time.Instant;
import java.util.List;
import org.springframework.stereotype.Service;

/** A proposal's audit trail, oldest first, for whoever may read it (REST and MCP alike). */
@Service
public class ProposalTrails {

    public record Trail(String proposalId, List<Event> events) {}

    public record Event(Instant at, String type, String actor, JsonNode details) {}

    private final AuditAccess access;
    private final LedgerReader reader;
    private final ObjectMapper mapper;

    ProposalTrails(AuditAccess access, LedgerReader reader, ObjectMapper mapper) {
        this.access = access;
        this.reader = reader;
        this.mapper = mapper;
    }

    /** The trail, or {@link io.oversight.web.NotFoundException} when the caller may not know the proposal. */
    public Trail of(Caller caller, String proposalId) {
        access.requireTrailReader(caller, proposalId);
        List<Event> events = reader.ofProposal(proposalId).stream()
                .map(e -> new Event(e.occurredAt(), e.type(), e.actor(), details(e)))
                .toList();
        return new Trail(proposalId, events);
    }

    private JsonNode details(LedgerEntry entry) {
        try {
            return mapper.readTree(entry.details());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit entry " + entry.id() + " holds no JSON details", e);
        }
    }
}
