package io.oversight.audit;

import io.oversight.security.Caller;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** A proposal's audit trail, oldest first (CONTRACT §3, {@code GET /api/v1/proposals/{id}/audit}). */
@RestController
class ProposalTrailController {

    private final ProposalTrails trails;

    ProposalTrailController(ProposalTrails trails) {
        this.trails = trails;
    }

    @GetMapping("/api/v1/proposals/{id}/audit")
    ProposalTrails.Trail trail(@AuthenticationPrincipal Caller caller, @PathVariable String id) {
        return trails.of(caller, id);
    }
}
