package io.oversight.policy;

import io.oversight.security.Caller;
import io.oversight.web.InvalidRequestException;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** The owner's controls per workflow: read by owners, changed by support leads and admins. */
@RestController
@RequestMapping("/api/v1/policies")
class PolicyController {

    private static final Set<String> MAY_CHANGE = Set.of("support-leads", "camunda-admin");

    record PolicyChange(String mode, Double qaSampleRate) {}

    private final Policies policies;

    PolicyController(Policies policies) {
        this.policies = policies;
    }

    @GetMapping("/{workflow}")
    Policy get(@PathVariable String workflow) {
        return policies.effective(workflow);
    }

    @PutMapping("/{workflow}")
    Policy put(@AuthenticationPrincipal Caller caller, @PathVariable String workflow, @RequestBody PolicyChange change) {
        if (caller.isAgent() || caller.groups().stream().noneMatch(MAY_CHANGE::contains)) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Only support-leads and camunda-admin may change policies");
        }
        if (!workflow.matches("[a-z0-9][a-z0-9_-]{0,99}")) {
            throw InvalidRequestException.of("workflow", "must be a lower-case name of up to 100 characters");
        }
        Policy.Mode mode = parseMode(change.mode());
        double rate = change.qaSampleRate() == null ? policies.effective(workflow).qaSampleRate() : change.qaSampleRate();
        if (rate < 0 || rate > 1 || Double.isNaN(rate)) {
            throw InvalidRequestException.of("qaSampleRate", "must be between 0 and 1");
        }
        return policies.change(workflow, mode, rate, caller.id());
    }

    private static Policy.Mode parseMode(String mode) {
        if (mode == null) {
            throw InvalidRequestException.of("mode", "is required: EXCEPTIONS_ONLY, MANDATORY_REVIEW or PAUSED");
        }
        try {
            return Policy.Mode.valueOf(mode);
        } catch (IllegalArgumentException e) {
            throw InvalidRequestException.of("mode", "must be EXCEPTIONS_ONLY, MANDATORY_REVIEW or PAUSED");
        }
    }
}
