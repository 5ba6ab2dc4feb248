package io.oversight.escalation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.TransactionState;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.dmn.entity.repository.DecisionDefinitionEntity;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.deploy.Deployer;
import org.camunda.bpm.engine.impl.persistence.deploy.cache.DeploymentCache;
import org.camunda.bpm.engine.impl.persistence.entity.DeploymentEntity;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * The latest deployed version of {@code escalationRules}, resolved once instead of per proposal.
 *
 * <p>Camunda's deployment cache is keyed by definition id, not by key: its
 * {@code findDeployedLatestDecisionDefinitionByKey} asks the database for {@code max(VERSION_)} on every
 * call (so that a version deployed by another node is seen at once), and that query was one per proposal.
 * Here the answer is kept, and forgotten
 * <ul>
 *   <li>at once when this node deploys anything (a post-deployer of the engine; again after that
 *       deployment's transaction commits, so that a lookup racing the uncommitted deployment cannot keep
 *       the old version), and</li>
 *   <li>for a version deployed by <em>another</em> node of the cluster: the latest version is asked of the
 *       database again at most every {@code oversight.rules.latest-recheck} (default 2 s), so such a version
 *       binds within that time instead of at the very next proposal.</li>
 * </ul>
 * The decision itself comes from the deployment cache by id (parsed once, as before). The trail still
 * names the version that was evaluated, never one looked up later.
 */
@Component
class LatestRules extends AbstractProcessEnginePlugin {

    private record Known(DecisionDefinitionEntity definition, long checkedAt) {}

    private final long recheckNanos;
    private final Object lock = new Object();
    private volatile Known known;
    private long generation;

    LatestRules(@Value("${oversight.rules.latest-recheck:PT2S}") Duration recheck) {
        this.recheckNanos = recheck.toNanos();
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<Deployer> post = configuration.getCustomPostDeployers() == null ? new ArrayList<>()
                : new ArrayList<>(configuration.getCustomPostDeployers());
        post.add(new Forget());
        configuration.setCustomPostDeployers(post);
    }

    /** The latest version of the decision, in the caller's command. */
    DecisionDefinitionEntity resolve(CommandContext context) {
        DeploymentCache cache = context.getProcessEngineConfiguration().getDeploymentCache();
        Known current = known;
        long now = System.nanoTime();
        if (current != null && now - current.checkedAt() < recheckNanos) {
            DecisionDefinitionEntity cached = cache.findDecisionDefinitionFromCache(current.definition().getId());
            return cached != null ? cached : cache.findDeployedDecisionDefinitionById(current.definition().getId());
        }
        long seen;
        synchronized (lock) {
            seen = generation;
        }
        DecisionDefinitionEntity latest = (DecisionDefinitionEntity) cache
                .findDeployedLatestDecisionDefinitionByKey(AgentProposalProcess.DECISION_KEY);
        synchronized (lock) {
            if (generation == seen) { // no deployment since the lookup began
                known = new Known(latest, now);
            }
        }
        return latest;
    }

    /** Forgets the known version (a deployment on this node). */
    void forget() {
        synchronized (lock) {
            generation++;
            known = null;
        }
    }

    /** Runs after the engine's own deployers for every deployment this node makes or loads into its cache. */
    private final class Forget implements Deployer {
        @Override
        public void deploy(DeploymentEntity deployment) {
            forget();
            CommandContext context = Context.getCommandContext();
            if (context != null) {
                context.getTransactionContext().addTransactionListener(TransactionState.COMMITTED, committed -> forget());
            }
        }
    }
}
