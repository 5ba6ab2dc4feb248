package io.oversight.audit;

import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.oversight.security.Caller;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.mvc.method.annotation.StreamingResponseBody;

/**
 * The whole ledger for its owners: verify it end to end, or export a window of it as NDJSON with
 * everything needed to recompute the hashes with the ledger key ({@link LedgerHash}). Support leads, QA and admins only.
 */
@RestController
@RequestMapping("/api/v1/audit")
class AuditController {

    /**
     * One exported entry; {@code details} is the stored canonical JSON, exactly as hashed; keyId names
     * the ledger key the hash is an HMAC under (null: plain SHA-256, written before the ledger was
     * keyed), and ledgerId the ledger the entry keys are derived for ({@link LedgerKeys#forLedger}).
     */
    record ExportLine(long id, int shard, long seq, String proposalId, String at, String type, String actor,
            @JsonRawValue String details, String prevHash, String hash, String keyId, String ledgerId) {

        static ExportLine of(LedgerEntry e, String ledgerId) {
            return new ExportLine(e.id(), e.shard(), e.seq(), e.proposalId(), LedgerHash.timestamp(e.occurredAt()),
                    e.type(), e.actor(), e.details(), e.prevHash(), e.hash(), e.keyId(), ledgerId);
        }
    }

    private final AuditAccess access;
    private final LedgerVerifier verifier;
    private final LedgerReader reader;
    private final LedgerShards shards;
    private final ObjectMapper mapper;

    AuditController(AuditAccess access, LedgerVerifier verifier, LedgerReader reader, LedgerShards shards,
            ObjectMapper mapper) {
        this.access = access;
        this.verifier = verifier;
        this.reader = reader;
        this.shards = shards;
        this.mapper = mapper;
    }

    @GetMapping("/verify")
    Verification verify(@AuthenticationPrincipal Caller caller) {
        access.requireLedgerReader(caller);
        return verifier.verify();
    }

    @GetMapping("/export")
    ResponseEntity<StreamingResponseBody> export(@AuthenticationPrincipal Caller caller,
            @RequestParam(required = false) String from, @RequestParam(required = false) String to) {
        access.requireLedgerReader(caller);
        ExportWindow window = ExportWindow.of(from, to, Instant.now());
        String ledgerId = shards.ledgerId();
        StreamingResponseBody body = out -> reader.inReadOnlyTransaction(() -> {
            reader.eachBetween(window.from(), window.to(), entry -> write(out, ExportLine.of(entry, ledgerId)));
            return null;
        });
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_NDJSON).body(body);
    }

    private void write(OutputStream out, ExportLine line) {
        try {
            out.write(mapper.writeValueAsBytes(line));
            out.write('\n');
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Audit entry " + line.id() + " cannot be exported", e);
        } catch (IOException e) {
            throw new UncheckedIOException("The export's client went away", e);
        }
    }
}
