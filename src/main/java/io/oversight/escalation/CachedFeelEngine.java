package io.oversight.escalation;

import camundajar.impl.scala.util.Either;
import camundajar.impl.scala.util.Left;
import camundajar.impl.scala.util.Right;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.camunda.bpm.dmn.feel.impl.FeelException;
import org.camunda.bpm.dmn.feel.impl.scala.ContextVariableWrapper;
import org.camunda.bpm.dmn.feel.impl.scala.ScalaFeelEngine;
import org.camunda.bpm.dmn.feel.impl.scala.function.FeelCustomFunctionProvider;
import org.camunda.bpm.engine.variable.context.VariableContext;
import org.camunda.feel.FeelEngine.Failure;
import org.camunda.feel.context.Context;
import org.camunda.feel.context.CustomContext;
import org.camunda.feel.context.VariableProvider;
import org.camunda.feel.context.VariableProvider.CompositeVariableProvider;
import org.camunda.feel.context.VariableProvider.StaticVariableProvider;
import org.camunda.feel.syntaxtree.ParsedExpression;

/**
 * Camunda's FEEL engine (feel-scala, through {@link ScalaFeelEngine}) that parses each expression once.
 *
 * <p>The stock integration hands the expression text to feel-scala on every call, which parses it again
 * (fastparse, then validation) before evaluating it; a decision table calls FEEL once per input expression and
 * once per input entry still in play, so a routine proposal parsed the same few dozen strings about 200 times.
 * Here the parsed expression is kept, keyed by its text (an expression's meaning does not depend on where it
 * stands), and evaluated with the same context, value mappers and function providers as the stock engine, so
 * results and failures are the same. A {@code -} input entry (any value, the most common entry of the table)
 * matches without calling FEEL at all, as DMN defines it.
 *
 * <p>At most {@link #CAPACITY} distinct expressions are kept; past that, new ones are parsed on every call, as
 * before, so a flood of distinct candidate tables (rule replay) cannot grow the heap without bound.
 */
final class CachedFeelEngine extends ScalaFeelEngine {

    static final int CAPACITY = 10_000;
    /** DMN's "any value" input entry. */
    static final String ANY = "-";

    private final Map<String, ParsedExpression> expressions = new ConcurrentHashMap<>();
    private final Map<String, ParsedExpression> unaryTests = new ConcurrentHashMap<>();

    CachedFeelEngine(List<FeelCustomFunctionProvider> functionProviders) {
        super(functionProviders);
    }

    @Override
    public <T> T evaluateSimpleExpression(String expression, VariableContext variableContext) {
        ParsedExpression parsed = parsed(expressions, expression, feelEngine::parseExpression);
        if (parsed == null) {
            return super.evaluateSimpleExpression(expression, variableContext);
        }
        ContextVariableWrapper variables = new ContextVariableWrapper(variableContext);
        @SuppressWarnings("unchecked")
        T value = (T) valueOf(feelEngine.eval(parsed, context(variables)));
        return value;
    }

    @Override
    public boolean evaluateSimpleUnaryTests(String expression, String inputVariable, VariableContext variableContext) {
        if (ANY.equals(expression.trim())) {
            return true;
        }
        ParsedExpression parsed = parsed(unaryTests, expression, feelEngine::parseUnaryTests);
        if (parsed == null) {
            return super.evaluateSimpleUnaryTests(expression, inputVariable, variableContext);
        }
        VariableProvider input = new StaticVariableProvider(
                new camundajar.impl.scala.collection.immutable.Map.Map1<String, Object>(INPUT_VARIABLE_NAME, inputVariable));
        VariableProvider variables = new CompositeVariableProvider(
                this.<VariableProvider>toScalaList(input, new ContextVariableWrapper(variableContext)));
        // as feel-scala's evalUnaryTests: anything but true (including null) does not match
        return Boolean.TRUE.equals(valueOf(feelEngine.eval(parsed, context(variables))));
    }

    /** The kept parse of {@code text}; null when it does not parse (the stock path then reports why). */
    private static ParsedExpression parsed(Map<String, ParsedExpression> cache, String text,
            Function<String, Either<Failure, ParsedExpression>> parser) {
        ParsedExpression known = cache.get(text);
        if (known != null) {
            return known;
        }
        Either<Failure, ParsedExpression> result = parser.apply(text);
        if (!(result instanceof Right<Failure, ParsedExpression> right)) {
            return null;
        }
        if (cache.size() < CAPACITY) {
            cache.putIfAbsent(text, right.value());
        }
        return right.value();
    }

    private static Context context(VariableProvider variables) {
        return new CustomContext() {
            @Override
            public VariableProvider variableProvider() {
                return variables;
            }
        };
    }

    private static Object valueOf(Either<Failure, Object> result) {
        if (result instanceof Right<Failure, Object> right) {
            return right.value();
        }
        throw failure(((Left<Failure, Object>) result).value());
    }

    private static FeelException failure(Failure failure) {
        return LOGGER.evaluationException(failure.message());
    }

    /** How many parsed expressions and unary tests are kept (for tests). */
    int cachedCount() {
        return expressions.size() + unaryTests.size();
    }
}
