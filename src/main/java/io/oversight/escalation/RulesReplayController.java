package io.oversight.escalation;

import io.oversight.security.Caller;
import io.oversight.web.InvalidRequestException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** POST /api/v1/rules/replay: how past proposals would have gone under a candidate rule table (CONTRACT §3). */
@RestController
class RulesReplayController {

    record ReplayRequest(String dmnXml, String from, String to) {}

    private final RulesReplay replay;

    RulesReplayController(RulesReplay replay) {
        this.replay = replay;
    }

    @PostMapping("/api/v1/rules/replay")
    RulesReplay.Result replay(@AuthenticationPrincipal Caller caller, @RequestBody ReplayRequest request) {
        if (caller.isAgent() || !(caller.groups().contains("support-leads") || caller.groups().contains("camunda-admin"))) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only support-leads and camunda-admin may replay rules");
        }
        Instant to = instant("to", request.to(), Instant.now());
        Instant from = instant("from", request.from(), to.minus(Duration.ofDays(7)));
        if (!from.isBefore(to)) {
            throw InvalidRequestException.of("from", "must be before to");
        }
        return replay.replay(request.dmnXml(), from, to);
    }

    private static Instant instant(String field, String value, Instant fallback) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw InvalidRequestException.of(field, "must be an ISO-8601 instant such as 2026-11-25T00:00:00Z");
        }
    }
}
