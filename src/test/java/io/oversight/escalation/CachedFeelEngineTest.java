package io.oversight.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.impl.DefaultDmnEngineConfiguration;
import org.camunda.bpm.dmn.feel.impl.FeelEngine;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngineFactory;
import org.camunda.bpm.engine.variable.Variables;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The FEEL engine that parses each expression once gives exactly what Camunda's stock FEEL engine gives: the
 * same escalation-table results for a wide sample of proposals, the same unary-test and expression values, and
 * the same failures. It only makes FEEL cheaper.
 */
class CachedFeelEngineTest {

    static final List<String> SIGNALS = EscalationRulesTest.SIGNALS;

    static FeelEngine stock;
    static CachedFeelEngine cached;
    static DmnEngine stockDmn;
    static DmnEngine cachedDmn;
    static DmnDecision stockDecision;
    static DmnDecision cachedDecision;

    @BeforeAll
    static void engines() throws IOException {
        stock = new ScalaFeelEngineFactory().createInstance();
        cached = (CachedFeelEngine) new CachedFeelEngineFactory(() -> null).createInstance();
        stockDmn = DmnEngineConfiguration.createDefaultDmnEngineConfiguration().buildEngine();
        DefaultDmnEngineConfiguration configuration =
                (DefaultDmnEngineConfiguration) DmnEngineConfiguration.createDefaultDmnEngineConfiguration();
        cachedDmn = configuration.feelEngineFactory(new CachedFeelEngineFactory(List::of)).buildEngine();
        assertThat(configuration.getFeelEngine()).isInstanceOf(CachedFeelEngine.class);
        stockDecision = parse(stockDmn);
        cachedDecision = parse(cachedDmn);
    }

    @Test
    void theEscalationTableDecidesAlikeForEveryProposalOfAWideSample() {
        Random random = new Random(13);
        List<Map<String, Object>> proposals = new ArrayList<>();
        proposals.add(EscalationRulesTest.routineReply());
        proposals.add(EscalationRulesTest.routineAction());
        for (int i = 0; i < 3000; i++) {
            proposals.add(randomProposal(random));
        }
        int escalated = 0;
        for (Map<String, Object> proposal : proposals) {
            var expected = stockDmn.evaluateDecision(stockDecision, new HashMap<>(proposal)).getResultList();
            var actual = cachedDmn.evaluateDecision(cachedDecision, new HashMap<>(proposal)).getResultList();
            assertThat(actual).as("%s", proposal).isEqualTo(expected);
            escalated += expected.isEmpty() ? 0 : 1;
        }
        assertThat(escalated).as("the sample has routine and escalated proposals").isPositive().isLessThan(proposals.size());
        int kept = cached.cachedCount();
        cachedDmn.evaluateDecision(cachedDecision, EscalationRulesTest.routineAction());
        assertThat(cached.cachedCount()).isEqualTo(kept);
    }

    @ParameterizedTest
    @ValueSource(strings = {"-", " - ", "\"REFUND\",\"CREDIT\"", "not(\"REFUND\",\"CREDIT\")", "null", "null, >= 100",
            "< 0.7", ">= 0.5", "[100..1000[", "true", "false", "? > 10", "> limit", "not(null,\"REFUND\")"})
    void unaryTestsMatchAsTheStockEngineDoes(String test) {
        for (Object input : new Object[] {null, "REFUND", "OTHER", 0.2, 0.5, 0.7, 99.0, 100.0, 1000.0, 5, true, false}) {
            VariableContext variables = Variables.createVariables().putValue("in", input).putValue("limit", 50)
                    .asVariableContext();
            assertThat(outcome(() -> cached.evaluateSimpleUnaryTests(test, "in", variables)))
                    .as("%s for %s", test, input)
                    .isEqualTo(outcome(() -> stock.evaluateSimpleUnaryTests(test, "in", variables)));
            assertThat(outcome(() -> cached.evaluateSimpleUnaryTests(test, "in", variables)))
                    .as("again, from the kept parse").isEqualTo(outcome(() -> stock.evaluateSimpleUnaryTests(test, "in", variables)));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"confidence", "amount", "if proposalType = \"ACTION\" then \"APPROVAL_BEFORE_ACTION\" else \"REVIEW_BEFORE_SEND\"",
            "amount * 2", "missing", "string length(proposalType)", "date(\"2026-12-01\")", "[1, 2, 3][item > 1]"})
    void expressionsGiveTheStockEnginesValues(String expression) {
        for (Object type : new Object[] {"ACTION", "REPLY", null}) {
            VariableContext variables = Variables.createVariables().putValue("proposalType", type)
                    .putValue("confidence", 0.9).putValue("amount", null).asVariableContext();
            assertThat(outcome(() -> cached.evaluateSimpleExpression(expression, variables))).as("%s for %s", expression, type)
                    .isEqualTo(outcome(() -> stock.evaluateSimpleExpression(expression, variables)));
        }
    }

    @Test
    void anExpressionThatDoesNotParseFailsAsWithTheStockEngineAndIsNotKept() {
        VariableContext variables = Variables.createVariables().putValue("in", 1).asVariableContext();
        int kept = cached.cachedCount();
        Throwable expected = catchThrowable(() -> stock.evaluateSimpleUnaryTests("> >", "in", variables));
        assertThat(expected).isInstanceOf(FeelException.class);
        assertThatThrownBy(() -> cached.evaluateSimpleUnaryTests("> >", "in", variables))
                .isInstanceOf(FeelException.class).hasMessage(expected.getMessage());
        assertThatThrownBy(() -> cached.evaluateSimpleExpression("1 +", variables)).isInstanceOf(FeelException.class)
                .hasMessage(catchThrowable(() -> stock.evaluateSimpleExpression("1 +", variables)).getMessage());
        assertThat(cached.cachedCount()).isEqualTo(kept);
    }

    /** The value, or the failure's type and message: what a caller of the engine sees. */
    private static Object outcome(java.util.concurrent.Callable<Object> evaluation) {
        try {
            return evaluation.call();
        } catch (Exception e) {
            return e.getClass().getName() + ": " + e.getMessage();
        }
    }

    private static Map<String, Object> randomProposal(Random random) {
        Map<String, Object> proposal = new HashMap<>();
        boolean action = random.nextBoolean();
        proposal.put("proposalType", action ? "ACTION" : "REPLY");
        proposal.put("workflow", pick(random, "billing", "orders", "general"));
        proposal.put("channel", pick(random, "chat", "email"));
        proposal.put("segment", pick(random, "standard", "business", "VIP", null));
        proposal.put("confidence", pick(random, 0.1, 0.69, 0.7, 0.85, 0.89, 0.9, 0.99, null));
        proposal.put("actionKind", action ? pick(random, "REFUND", "CREDIT", "CANCELLATION", "ACCOUNT_UPDATE",
                "ACCOUNT_ACCESS", "DATA_EXPORT", "GIFT", null) : null);
        proposal.put("amount", action ? pick(random, null, 0.0, 50.0, 99.99, 100.0, 999.0, 1000.0, 5000.0) : null);
        proposal.put("irreversible", action ? pick(random, true, false) : false);
        for (String signal : SIGNALS) {
            proposal.put(signal, random.nextInt(10) == 0 ? pick(random, 0.49, 0.5, 0.9, null) : 0.0);
        }
        proposal.put("policyMode", pick(random, "EXCEPTIONS_ONLY", "EXCEPTIONS_ONLY", "MANDATORY_REVIEW", "PAUSED"));
        proposal.put("languageCovered", pick(random, true, true, false, null));
        return proposal;
    }

    @SafeVarargs
    private static <T> T pick(Random random, T... values) {
        return values[random.nextInt(values.length)];
    }

    private static DmnDecision parse(DmnEngine engine) throws IOException {
        try (InputStream in = CachedFeelEngineTest.class.getClassLoader().getResourceAsStream(EscalationRulesTest.RESOURCE)) {
            return engine.parseDecision(EscalationRulesTest.DECISION_KEY, in);
        }
    }
}
