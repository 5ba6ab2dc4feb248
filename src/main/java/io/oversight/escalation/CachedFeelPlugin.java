package io.oversight.escalation;

import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.springframework.stereotype.Component;

/**
 * Gives the process engine's DMN engine (the one that evaluates {@code escalationRules} for every proposal,
 * with its decision history) the FEEL engine that parses each expression once ({@link CachedFeelEngine}).
 * The models keep FEEL: only how the same FEEL is evaluated changes. Camunda's legacy FEEL (JUEL based),
 * if someone switched it on, is left alone.
 */
@Component
class CachedFeelPlugin extends AbstractProcessEnginePlugin {

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        if (configuration.isDmnFeelEnableLegacyBehavior()) {
            return;
        }
        DefaultDmnEngineConfiguration dmn = configuration.getDmnEngineConfiguration() != null
                ? configuration.getDmnEngineConfiguration()
                : (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        dmn.setFeelEngineFactory(new CachedFeelEngineFactory(dmn::getFeelCustomFunctionProviders));
        configuration.setDmnEngineConfiguration(dmn);
    }
}
