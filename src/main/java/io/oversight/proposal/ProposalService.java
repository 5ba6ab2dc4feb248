package io.oversight.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import io.oversight.audit.AuditEventType;
import io.oversight.audit.AuditLog;
import io.oversight.security.Caller;
import io.oversight.web.ConflictException;
import io.oversight.web.NotFoundException;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.dao.TransientDataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Where a proposal enters: stores it, has it judged and approves or escalates it in one transaction,
 * so a proposal is either fully accepted (row, trail, approval or review process) or not at all. Idempotency is enforced by the
 * database's unique key on (agent, idempotency key); a racing duplicate loses at commit and is
 * answered with the winner's proposal.
 */
@Service
public class ProposalService {

    private static final Duration RACE_WAIT = Duration.ofSeconds(10);

    private final ProposalStore store;
    private final ProposalWorkflow process;
    private final ProposalJson json;
    private final TransactionTemplate transaction;
    private final AuditLog audit;

    ProposalService(ProposalStore store, ProposalWorkflow process, ProposalJson json, TransactionTemplate transaction,
            AuditLog audit) {
        this.audit = audit;
        this.store = store;
        this.process = process;
        this.json = json;
        this.transaction = transaction;
    }

    /** The outcome of a submission: the document and whether it was created by this call. */
    public record Submission(ProposalDocument document, boolean created) {}

    public Submission submit(String agentId, ProposalRequest request, JsonNode rawBody) {
        String body = json.canonical(rawBody);
        String hash = json.sha256(body);
        Optional<ProposalRecord> existing = store.findByKey(agentId, request.idempotencyKey());
        if (existing.isPresent()) {
            return repeated(existing.get(), hash);
        }
        try {
            ProposalRecord created = transaction.execute(tx -> create(agentId, request, body, hash));
            return new Submission(json.document(created), true);
        } catch (DataIntegrityViolationException | TransientDataAccessException duplicate) {
            // the racing twin holds or has committed the same key: answer with its proposal
            return repeated(awaitWinner(agentId, request.idempotencyKey(), duplicate), hash);
        }
    }

    public Optional<ProposalDocument> find(String id) {
        return store.find(id).map(json::document);
    }

    /** The proposal as the caller may see it: an agent sees only its own proposals. */
    public Optional<ProposalDocument> find(String id, Caller caller) {
        return store.find(id).filter(r -> !caller.isAgent() || r.agentId().equals(caller.id())).map(json::document);
    }

    /**
     * Answers a reviewer's question; the proposal goes back to its queue with the answer in its context.
     * Only the submitting agent's key, or a member of the proposal's queue (recorded under their own
     * name), may answer; a question that timed out meanwhile is a conflict.
     */
    public ProposalDocument provideInformation(String id, Caller caller, String answer) {
        ProposalRecord record = store.find(id).orElseThrow(() -> new NotFoundException("No proposal " + id));
        String actor = answeringActor(record, caller);
        return transaction.execute(tx -> {
            ProposalRecord current = store.find(id).orElseThrow();
            if (current.status() != ProposalStatus.AWAITING_INFORMATION) {
                throw new ConflictException("Proposal " + id + " is " + current.status() + "; nobody asked for information");
            }
            process.answer(id, answer, actor);
            return json.document(store.find(id).orElseThrow());
        });
    }

    /** Who answers, as the trail names them: {@code agent:<id>} or the reviewer's user id; anyone else is refused. */
    private String answeringActor(ProposalRecord record, Caller caller) {
        if (caller.isAgent()) {
            if (record.agentId().equals(caller.id())) {
                return "agent:" + caller.id();
            }
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "Only the agent that submitted proposal " + record.id() + " may answer its question");
        }
        ProposalDocument.Review review = json.read(record.review(), ProposalDocument.Review.class);
        if (review != null && review.queue() != null && caller.groups().contains(review.queue())) {
            return caller.id();
        }
        throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only the submitting agent or a reviewer of the queue "
                + (review == null ? "" : review.queue() + " ") + "may answer this proposal's question");
    }

    private ProposalRecord create(String agentId, ProposalRequest request, String body, String hash) {
        Instant now = Instant.now();
        String id = UUID.randomUUID().toString();
        store.insert(new ProposalRecord(id, agentId, request.idempotencyKey(), hash, request.type(),
                request.workflowOrDefault(), request.channelOrDefault(), ProposalStatus.SUBMITTED, false, body,
                "[]", null, null, null, now, now));
        audit.record(id, AuditEventType.PROPOSED, "agent:" + request.agent().id(), AuditLog.details(
                "type", request.type().name(), "idempotencyKey", request.idempotencyKey(), "submittedBy", agentId,
                "workflow", request.workflowOrDefault(), "channel", request.channelOrDefault(),
                "confidence", request.agent().confidence(),
                request.type() == ProposalType.REPLY ? "reply" : "action",
                request.type() == ProposalType.REPLY ? request.reply() : request.action()));
        process.start(id, request);
        return store.find(id).orElseThrow();
    }

    private Submission repeated(ProposalRecord existing, String hash) {
        if (!existing.bodyHash().equals(hash)) {
            throw new IdempotencyConflictException(existing.idempotencyKey());
        }
        return new Submission(json.document(existing), false);
    }

    private ProposalRecord awaitWinner(String agentId, String key, RuntimeException cause) {
        Instant deadline = Instant.now().plus(RACE_WAIT);
        while (Instant.now().isBefore(deadline)) {
            Optional<ProposalRecord> winner = store.findByKey(agentId, key);
            if (winner.isPresent()) {
                return winner.get();
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        throw cause;
    }
}
