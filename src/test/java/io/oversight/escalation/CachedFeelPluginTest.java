package io.oversight.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.oversight.support.OversightTest;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.impl.cfg.CompositeProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The process engine's DMN engine, which evaluates escalationRules for every proposal, runs FEEL through the
 * engine that parses each expression once; taking the plugin away (or a Camunda upgrade that ignores it) fails
 * here. The decision service still decides as the table says.
 */
@OversightTest
class CachedFeelPluginTest {

    @Autowired ProcessEngine engine;

    @Test
    void theEnginesDmnEngineUsesTheCachedFeelEngine() {
        var configuration = (ProcessEngineConfigurationImpl) engine.getProcessEngineConfiguration();
        assertThat(configuration.getDmnEngineConfiguration().getFeelEngineFactory()).isInstanceOf(CachedFeelEngineFactory.class);
        assertThat(configuration.getDmnEngineConfiguration().getFeelEngine()).isInstanceOf(CachedFeelEngine.class);
        assertThat(configuration.getProcessEnginePlugins().stream()
                .flatMap(plugin -> plugin instanceof CompositeProcessEnginePlugin composite
                        ? composite.getPlugins().stream() : java.util.stream.Stream.of(plugin)))
                .hasAtLeastOneElementOfType(CachedFeelPlugin.class);
    }

    @Test
    void theDecisionServiceDecidesAsTheTableSays() {
        var routine = engine.getDecisionService().evaluateDecisionByKey(AgentProposalProcess.DECISION_KEY)
                .variables(EscalationRulesTest.routineReply()).evaluate();
        var angry = engine.getDecisionService().evaluateDecisionByKey(AgentProposalProcess.DECISION_KEY)
                .variables(EscalationRulesTest.with(EscalationRulesTest.routineReply(), "anger", 0.9)).evaluate();

        assertThat(routine.getResultList()).isEmpty();
        assertThat(angry.collectEntries("reason")).contains("ANGRY_CUSTOMER");
    }
}
