package io.oversight.support;

import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngines;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestContext;
import org.springframework.test.context.TestExecutionListener;

/**
 * Camunda keeps one JVM-wide registry of engines by name, and engine-rest serves the engine
 * registered as "default". With several cached test contexts alive (H2, PostgreSQL, own
 * databases), the last one started, or a closing one, would own that name. Before each test
 * class, the engine of the class's own context is made the registered one again.
 */
public class ProcessEngineRegistration implements TestExecutionListener {

    @Override
    public void prepareTestInstance(TestContext testContext) {
        ApplicationContext context = testContext.getApplicationContext();
        context.getBeanProvider(ProcessEngine.class).ifAvailable(ProcessEngines::registerProcessEngine);
    }
}
