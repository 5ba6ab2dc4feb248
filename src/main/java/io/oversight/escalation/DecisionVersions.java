package io.oversight.escalation;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;
import org.camunda.bpm.engine.RepositoryService;
import org.camunda.bpm.engine.repository.DecisionDefinition;
import org.springframework.stereotype.Component;

/**
 * The version of the escalation rules in force, for the audit trail: the latest deployed version
 * (the model binds to the latest), looked up at most every few seconds instead of per proposal.
 */
@Component
class DecisionVersions {

    private static final Duration FRESHNESS = Duration.ofSeconds(10);

    private record Seen(int version, Instant at) {}

    private final RepositoryService repository;
    private final AtomicReference<Seen> seen = new AtomicReference<>();

    DecisionVersions(RepositoryService repository) {
        this.repository = repository;
    }

    int escalationRules() {
        Seen current = seen.get();
        if (current != null && current.at().plus(FRESHNESS).isAfter(Instant.now())) {
            return current.version();
        }
        DecisionDefinition latest = repository.createDecisionDefinitionQuery()
                .decisionDefinitionKey(AgentProposalProcess.DECISION_KEY).latestVersion().singleResult();
        int version = latest == null ? 0 : latest.getVersion();
        seen.set(new Seen(version, Instant.now()));
        return version;
    }
}
