package io.oversight.security;

import io.oversight.web.ConflictException;
import io.oversight.web.InvalidRequestException;
import io.oversight.web.NotFoundException;
import java.net.URI;
import java.util.List;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Rotation and revocation of agent keys at run time ({@code camunda-admin} only): add the new key,
 * move the agent over (both work meanwhile), revoke the old one. Effective on every node within
 * the lookup cache time (2 s by default). Only SHA-256 hashes are sent and stored.
 */
@RestController
@RequestMapping("/api/v1/agent-keys")
class AgentKeyController {

    record NewKey(String agentId, String sha256) {}

    private final AgentKeys keys;

    AgentKeyController(AgentKeys keys) {
        this.keys = keys;
    }

    @GetMapping
    List<AgentKeys.KeyInfo> list() {
        return keys.list();
    }

    @PostMapping
    ResponseEntity<Void> add(@RequestBody NewKey key) {
        if (key.agentId() == null || !key.agentId().matches("[A-Za-z0-9._-]{1,100}")) {
            throw InvalidRequestException.of("agentId", "must be 1 to 100 letters, digits, '.', '_' or '-'");
        }
        if (key.sha256() == null || !key.sha256().matches("[0-9a-fA-F]{64}")) {
            throw InvalidRequestException.of("sha256", "must be the SHA-256 of the key as 64 hex digits (never the key itself)");
        }
        keys.ownerOf(key.sha256()).ifPresent(owner -> {
            throw new ConflictException("sha256", "This key is already stored (for " + owner + ", valid or revoked); "
                    + "a revoked key is never accepted again: generate a new key");
        });
        keys.register(key.agentId(), key.sha256());
        return ResponseEntity.created(URI.create("/api/v1/agent-keys/" + key.sha256().toLowerCase())).build();
    }

    @DeleteMapping("/{sha256}")
    ResponseEntity<Void> revoke(@AuthenticationPrincipal Caller caller, @PathVariable String sha256) {
        if (!sha256.matches("[0-9a-fA-F]{64}")) {
            throw InvalidRequestException.of("sha256", "must be 64 hex digits");
        }
        if (!keys.revoke(sha256, caller.id())) {
            throw new NotFoundException("No valid agent key with this hash");
        }
        return ResponseEntity.noContent().build();
    }
}
