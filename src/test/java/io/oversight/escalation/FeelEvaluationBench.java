package io.oversight.escalation;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelEngineFactory;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What evaluating the escalation table costs per proposal, with the DMN engine alone: the stock FEEL engine
 * factory against Oversight's ({@link CachedFeelEngineFactory}), each on a routine reply, a routine action and an
 * escalated proposal, and how many FEEL calls one evaluation makes. A timed loop, not a test:
 * {@code ./mvnw -q -o test-compile exec:java@feel-bench} (optional argument: measured evaluations per case).
 * Figures in docs/benchmarks.md, section "FEEL evaluation cost".
 */
public final class FeelEvaluationBench {

    private static final Logger LOG = LoggerFactory.getLogger(FeelEvaluationBench.class);

    private FeelEvaluationBench() {
    }

    public static void main(String[] args) {
        int iterations = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        Map<String, Map<String, Object>> cases = new LinkedHashMap<>();
        cases.put("routine reply", EscalationRulesTest.routineReply());
        cases.put("routine action", EscalationRulesTest.routineAction());
        cases.put("angry customer", EscalationRulesTest.with(EscalationRulesTest.routineReply(), "anger", 0.9));
        LOG.info("feel-engine from {}", org.camunda.feel.FeelEngine.class.getProtectionDomain().getCodeSource().getLocation());
        for (var c : cases.entrySet()) {
            compare(c.getKey(), c.getValue(), iterations);
        }
    }

    /** Both engines on one case, in alternating rounds, so a busy machine slows both alike. */
    private static void compare(String caseName, Map<String, Object> inputs, int iterations) {
        Map<String, Engine> engines = new LinkedHashMap<>();
        engines.put("stock", new Engine(new ScalaFeelEngineFactory()));
        engines.put("oversight", new Engine(new CachedFeelEngineFactory(List::of)));
        int rounds = 10;
        int perRound = Math.max(1, iterations / rounds);
        for (Engine engine : engines.values()) {
            engine.evaluate(inputs, iterations, null); // warm-up: as many as measured
        }
        Map<String, long[]> nanos = new LinkedHashMap<>();
        engines.keySet().forEach(name -> nanos.put(name, new long[perRound * rounds]));
        for (int round = 0; round < rounds; round++) {
            for (var engine : engines.entrySet()) {
                long[] times = engine.getValue().evaluate(inputs, perRound, new long[perRound]);
                System.arraycopy(times, 0, nanos.get(engine.getKey()), round * perRound, perRound);
            }
        }
        for (var engine : engines.entrySet()) {
            long[] times = nanos.get(engine.getKey());
            Arrays.sort(times);
            double mean = Arrays.stream(times).average().orElse(0);
            LOG.info(String.format(Locale.ROOT, "%-9s %-15s %d evaluations: mean %.1f µs, p50 %.1f µs, p99 %.1f µs; "
                            + "%s FEEL calls per evaluation", engine.getKey(), caseName, times.length, mean / 1e3,
                    times[times.length / 2] / 1e3, times[times.length * 99 / 100] / 1e3,
                    engine.getValue().feelCallsPerEvaluation(inputs)));
        }
    }

    /** A DMN engine with the escalation table parsed, counting its calls into FEEL. */
    private static final class Engine {
        private final AtomicLong feelCalls = new AtomicLong();
        private final AtomicLong anyEntries = new AtomicLong();
        private final DmnEngine engine;
        private final DmnDecision decision;

        Engine(FeelEngineFactory factory) {
            DefaultDmnEngineConfiguration configuration =
                    (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
            configuration.setFeelEngineFactory(() -> counting(factory.createInstance(), feelCalls, anyEntries));
            engine = configuration.buildEngine();
            decision = parse(engine);
        }

        /** Evaluates {@code count} times; fills {@code times} (when long enough) with each evaluation's nanoseconds. */
        long[] evaluate(Map<String, Object> inputs, int count, long[] times) {
            int matched = 0;
            for (int i = 0; i < count; i++) {
                long start = System.nanoTime();
                matched += engine.evaluateDecisionTable(decision, new HashMap<>(inputs)).size();
                if (times != null && i < times.length) {
                    times[i] = System.nanoTime() - start;
                }
            }
            if (matched < 0) {
                throw new IllegalStateException("unreachable; keeps the results alive");
            }
            return times;
        }

        String feelCallsPerEvaluation(Map<String, Object> inputs) {
            feelCalls.set(0);
            anyEntries.set(0);
            engine.evaluateDecisionTable(decision, new HashMap<>(inputs));
            return feelCalls.get() + " (" + anyEntries.get() + " of them \"-\")";
        }
    }

    private static DmnDecision parse(DmnEngine engine) {
        try (InputStream in = FeelEvaluationBench.class.getClassLoader()
                .getResourceAsStream(EscalationRulesTest.RESOURCE)) {
            return engine.parseDecision(EscalationRulesTest.DECISION_KEY, in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Counts the calls into FEEL (input expressions and input/output entries) without changing them. */
    private static FeelEngine counting(FeelEngine feel, AtomicLong calls, AtomicLong anyEntries) {
        return new FeelEngine() {
            @Override
            public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
                calls.incrementAndGet();
                return feel.evaluateSimpleExpression(expression, variableContext);
            }

            @Override
            public boolean evaluateSimpleUnaryTests(String expression, String inputVariable,
                    VariableContext variableContext) {
                calls.incrementAndGet();
                if ("-".equals(expression.trim())) {
                    anyEntries.incrementAndGet();
                }
                return feel.evaluateSimpleUnaryTests(expression, inputVariable, variableContext);
            }
        };
    }
}
