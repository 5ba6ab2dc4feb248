package io.oversight.escalation;

import java.util.List;
import java.util.function.Supplier;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;

/**
 * Makes the DMN engine's FEEL engine a {@link CachedFeelEngine}. The custom function providers are read when
 * the engine is built, not when this factory is made: the process engine hands them to the DMN engine
 * configuration only while it builds the DMN engine.
 */
public final class CachedFeelEngineFactory implements FeelEngineFactory {

    private final Supplier<List<FeelCustomFunctionProvider>> functionProviders;

    public CachedFeelEngineFactory(Supplier<List<FeelCustomFunctionProvider>> functionProviders) {
        this.functionProviders = functionProviders;
    }

    @Override
    public FeelEngine createInstance() {
        List<FeelCustomFunctionProvider> providers = functionProviders.get();
        return new CachedFeelEngine(providers == null ? List.of() : providers);
    }
}
