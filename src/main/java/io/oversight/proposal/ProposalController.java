package io.oversight.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import io.oversight.security.Caller;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.oversight.web.InvalidRequestException;
import io.oversight.web.NotFoundException;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;
import org.springframework.web.server.ResponseStatusException;

/** The agent API: submit a proposal, read it, wait for it to change (CONTRACT §3). */
@RestController
@RequestMapping("/api/v1/proposals")
class ProposalController {

    private final ProposalService proposals;
    private final ProposalRequestReader reader;
    private final ProposalWatch watch;

    ProposalController(ProposalService proposals, ProposalRequestReader reader, ProposalWatch watch) {
        this.proposals = proposals;
        this.reader = reader;
        this.watch = watch;
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<ProposalDocument> submit(@AuthenticationPrincipal Caller caller,
            @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true,
                    content = @Content(schema = @Schema(implementation = ProposalRequest.class)))
            @RequestBody JsonNode body) {
        if (!caller.isAgent()) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only an agent key may submit proposals");
        }
        ProposalRequest request = reader.read(body);
        ProposalService.Submission submission = proposals.submit(caller.id(), request, body);
        ProposalDocument document = submission.document();
        if (!submission.created()) {
            return ResponseEntity.ok(document);
        }
        return ResponseEntity.created(URI.create("/api/v1/proposals/" + document.id())).body(document);
    }

    @GetMapping("/{id}")
    DeferredResult<ResponseEntity<ProposalDocument>> get(@AuthenticationPrincipal Caller caller, @PathVariable String id,
            @RequestParam(defaultValue = "0") int waitSeconds) {
        if (waitSeconds < 0 || waitSeconds > ProposalWatch.MAX_WAIT_SECONDS) {
            throw InvalidRequestException.of("waitSeconds", "must be between 0 and " + ProposalWatch.MAX_WAIT_SECONDS);
        }
        ProposalDocument current = proposals.find(id, caller).orElseThrow(() -> new NotFoundException("No proposal " + id));
        return watch.await(current, waitSeconds);
    }

    @PostMapping(path = "/{id}/information", consumes = MediaType.APPLICATION_JSON_VALUE)
    ProposalDocument information(@AuthenticationPrincipal Caller caller, @PathVariable String id,
            @RequestBody InformationAnswer body) {
        if (body.text() == null || body.text().isBlank()) {
            throw InvalidRequestException.of("text", "must not be blank");
        }
        if (body.text().length() > 3000) {
            throw InvalidRequestException.of("text", "must be at most 3000 characters");
        }
        return proposals.provideInformation(id, caller, body.text());
    }
}
