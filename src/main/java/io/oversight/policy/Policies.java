package io.oversight.policy;

import static io.oversight.audit.AuditLog.details;

import io.oversight.audit.AuditEventType;
import io.oversight.audit.AuditLog;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The policy in force per workflow: its own row, else the 'default' row. Read on every proposal,
 * so each node keeps what it read for a couple of seconds; a change made on any node is in force
 * everywhere within that time.
 */
@Service
public class Policies {

    static final Duration FRESHNESS = Duration.ofSeconds(2);

    private record Cached(Policy policy, Instant at) {}

    private final PolicyStore store;
    private final AuditLog audit;
    private final ObjectProvider<ReadinessEvidence> readiness;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    Policies(PolicyStore store, AuditLog audit, ObjectProvider<ReadinessEvidence> readiness) {
        this.store = store;
        this.audit = audit;
        this.readiness = readiness;
    }

    /** The policy that applies to a workflow, named after the workflow asked for. */
    public Policy effective(String workflow) {
        Cached cached = cache.get(workflow);
        if (cached != null && cached.at().plus(FRESHNESS).isAfter(Instant.now())) {
            return cached.policy();
        }
        Policy policy = store.find(workflow).or(() -> store.find(Policy.DEFAULT_WORKFLOW)
                        .map(d -> new Policy(workflow, d.mode(), d.qaSampleRate(), d.updatedBy(), d.updatedAt())))
                .orElseGet(() -> new Policy(workflow, Policy.Mode.EXCEPTIONS_ONLY, 0.0, "system", Instant.EPOCH));
        cache.put(workflow, new Cached(policy, Instant.now()));
        return policy;
    }

    @Transactional
    public Policy change(String workflow, Policy.Mode mode, double qaSampleRate, String by) {
        Policy before = effective(workflow);
        ReadinessEvidence evidence = readiness.getIfAvailable();
        Map<String, Object> figures = evidence == null ? null : evidence.now(workflow);
        Policy after = new Policy(workflow, mode, qaSampleRate, by, Instant.now());
        store.save(after);
        cache.clear();
        audit.record(null, AuditEventType.POLICY_CHANGED, by, details("workflow", workflow,
                "before", details("mode", before.mode().name(), "qaSampleRate", before.qaSampleRate()),
                "after", details("mode", mode.name(), "qaSampleRate", qaSampleRate), "readiness", figures));
        return after;
    }
}
