package io.oversight.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.dmn.engine.DmnDecision;
import org.camunda.bpm.dmn.engine.DmnDecisionRuleResult;
import org.camunda.bpm.dmn.engine.DmnDecisionTableResult;
import org.camunda.bpm.dmn.engine.DmnEngine;
import org.camunda.bpm.dmn.engine.DmnEngineConfiguration;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationEvent;
import org.camunda.bpm.dmn.engine.delegate.DmnDecisionTableEvaluationListener;
import org.camunda.bpm.dmn.engine.delegate.DmnEvaluatedDecisionRule;
import org.camunda.bpm.model.dmn.Dmn;
import org.camunda.bpm.model.dmn.DmnModelInstance;
import org.camunda.bpm.model.dmn.HitPolicy;
import org.camunda.bpm.model.dmn.instance.Decision;
import org.camunda.bpm.model.dmn.instance.DecisionTable;
import org.camunda.bpm.model.dmn.instance.Input;
import org.camunda.bpm.model.dmn.instance.Output;
import org.camunda.bpm.model.dmn.instance.Rule;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The escalation rules ({@code processes/escalation-rules.dmn}, decision {@code escalationRules}) evaluated by
 * the DMN engine alone, without Spring or a process engine.
 *
 * <p>The table has hit policy COLLECT: each matching row is one escalation reason. Two rows may give the same
 * reason (for example SECURITY_CONCERN from the security signal and from an ACCOUNT_ACCESS action). The
 * consumer de-duplicates by reason and keeps the strongest entry, so the tests below assert on the
 * <em>set</em> of reasons (and the set of distinct results), not on the number of rows that matched.
 */
class EscalationRulesTest {

  static final String RESOURCE = "processes/escalation-rules.dmn";
  static final String DECISION_KEY = "escalationRules";

  static final String REVIEW = "REVIEW_BEFORE_SEND";
  static final String APPROVAL = "APPROVAL_BEFORE_ACTION";
  static final String FOUR_EYES = "FOUR_EYES_APPROVAL";

  static final List<String> SIGNALS =
      List.of("anger", "sensitiveTopic", "securityConcern", "billingDispute", "humanRequested", "missingContext");

  /** Rule ids that matched in the last evaluation (the engine calls listeners on the evaluating thread). */
  static final ThreadLocal<List<String>> MATCHED_RULES = ThreadLocal.withInitial(List::of);

  static DmnEngine engine;
  static DmnDecision decision;
  static DmnModelInstance model;

  @BeforeAll
  static void parseDecision() throws IOException {
    DmnDecisionTableEvaluationListener recordMatchedRules = (DmnDecisionTableEvaluationEvent event) ->
        MATCHED_RULES.set(event.getMatchingRules().stream().map(DmnEvaluatedDecisionRule::getId).toList());
    engine = DmnEngineConfiguration.createDefaultDmnEngineConfiguration()
        .customPostDecisionTableEvaluationListeners(List.of(recordMatchedRules))
        .buildEngine();
    try (InputStream in = resource()) {
      decision = engine.parseDecision(DECISION_KEY, in);
    }
    try (InputStream in = resource()) {
      model = Dmn.readModelFromStream(in);
    }
  }

  private static InputStream resource() {
    InputStream in = EscalationRulesTest.class.getClassLoader().getResourceAsStream(RESOURCE);
    assertThat(in).as("%s on the classpath", RESOURCE).isNotNull();
    return in;
  }

  // ---------------------------------------------------------------- inputs

  /** A routine reply: confident, sources present, no signal, standard customer, rules decide. */
  static Map<String, Object> routineReply() {
    Map<String, Object> vars = new HashMap<>();
    vars.put("proposalType", "REPLY");
    vars.put("workflow", "billing");
    vars.put("channel", "chat");
    vars.put("segment", "standard");
    vars.put("confidence", 0.95);
    vars.put("actionKind", null);
    vars.put("amount", null);
    vars.put("irreversible", false);
    SIGNALS.forEach(signal -> vars.put(signal, 0.0));
    vars.put("policyMode", "EXCEPTIONS_ONLY");
    vars.put("languageCovered", true);
    return vars;
  }

  /** A routine action: a small, reversible refund the agent is sure about. */
  static Map<String, Object> routineAction() {
    return with(routineReply(), "proposalType", "ACTION", "actionKind", "REFUND", "amount", 50.0);
  }

  /** A copy of {@code base} with the given name/value pairs changed (values may be null). */
  static Map<String, Object> with(Map<String, Object> base, Object... namesAndValues) {
    Map<String, Object> vars = new HashMap<>(base);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      vars.put((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return vars;
  }

  // ---------------------------------------------------------------- evaluation

  /** One distinct result of the table. */
  record Hit(String reason, String queue, int priority, int slaMinutes, String controlModel) {
    @Override
    public String toString() {
      return reason + "→" + queue + "/p" + priority + "/" + slaMinutes + "min/" + controlModel;
    }
  }

  static Hit hit(String reason, String queue, int priority, int slaMinutes, String controlModel) {
    return new Hit(reason, queue, priority, slaMinutes, controlModel);
  }

  /** What an evaluation gave: the distinct results and the ids of the rows that matched. */
  record Evaluation(Set<Hit> hits, List<String> ruleIds) {
    Set<String> reasons() {
      return hits.stream().map(Hit::reason).collect(Collectors.toCollection(TreeSet::new));
    }
  }

  static Evaluation evaluate(Map<String, Object> variables) {
    MATCHED_RULES.remove();
    DmnDecisionTableResult result = engine.evaluateDecisionTable(decision, variables);
    Set<Hit> hits = new LinkedHashSet<>();
    for (DmnDecisionRuleResult entries : result) {
      assertThat(entries.keySet()).containsExactlyInAnyOrder("reason", "queue", "priority", "slaMinutes", "controlModel");
      assertThat(entries.<Object>getEntry("priority")).isInstanceOf(Integer.class);
      assertThat(entries.<Object>getEntry("slaMinutes")).isInstanceOf(Integer.class);
      hits.add(new Hit(entries.getEntry("reason"), entries.getEntry("queue"), entries.<Integer>getEntry("priority"),
          entries.<Integer>getEntry("slaMinutes"), entries.getEntry("controlModel")));
    }
    assertThat(MATCHED_RULES.get()).hasSize(result.size());
    return new Evaluation(hits, MATCHED_RULES.get());
  }

  // ---------------------------------------------------------------- the model itself

  @Test
  @DisplayName("is the COLLECT table escalationRules with a history time to live")
  void decisionIsCollectTableWithHistoryTimeToLive() {
    Decision d = model.getModelElementById(DECISION_KEY);
    assertThat(d).isNotNull();
    assertThat(d.getName()).isEqualTo("Escalation rules");
    assertThat(d.getCamundaHistoryTimeToLiveString()).isEqualTo("P180D");
    DecisionTable table = model.getModelElementById("table_escalation_rules");
    assertThat(table.getHitPolicy()).isEqualTo(HitPolicy.COLLECT);
    assertThat(model.getDefinitions().getNamespace()).isEqualTo("http://oversight.io/dmn");
    assertThat(model.getDefinitions().getId()).isEqualTo("definitions_escalation_rules");
  }

  @Test
  @DisplayName("has the agreed inputs and outputs, with meaningful ids")
  void inputsAndOutputs() {
    DecisionTable table = model.getModelElementById("table_escalation_rules");
    assertThat(table.getInputs()).extracting(i -> i.getInputExpression().getText().getTextContent())
        .containsExactly("proposalType", "workflow", "channel", "segment", "confidence", "actionKind", "amount",
            "irreversible", "anger", "sensitiveTopic", "securityConcern", "billingDispute", "humanRequested",
            "missingContext", "policyMode", "languageCovered");
    for (Input input : table.getInputs()) {
      assertThat(input.getId()).isEqualTo("input_" + input.getInputExpression().getText().getTextContent());
    }
    assertThat(table.getOutputs()).extracting(Output::getName)
        .containsExactly("reason", "queue", "priority", "slaMinutes", "controlModel");
    for (Output output : table.getOutputs()) {
      assertThat(output.getId()).isEqualTo("output_" + output.getName());
    }
    assertThat(table.getOutputs()).extracting(Output::getTypeRef)
        .containsExactly("string", "string", "integer", "integer", "string");
  }

  @Test
  @DisplayName("every row has a meaningful id and says why it exists")
  void everyRuleIsDocumented() {
    Collection<Rule> rules = model.getModelElementsByType(Rule.class);
    assertThat(rules).isNotEmpty();
    for (Rule rule : rules) {
      assertThat(rule.getId()).matches("rule_[a-z_]+");
      assertThat(rule.getDescription()).as("description of %s", rule.getId()).isNotNull();
      assertThat(rule.getDescription().getTextContent()).as("description of %s", rule.getId()).isNotBlank();
    }
  }

  @Test
  @DisplayName("every row is exercised on its own by the single-condition cases")
  void everyRuleIsCoveredByASingleConditionCase() {
    Set<String> covered = singleConditionCases()
        .flatMap(c -> c.expectedRuleIds().stream())
        .collect(Collectors.toSet());
    Set<String> all = model.getModelElementsByType(Rule.class).stream().map(Rule::getId).collect(Collectors.toSet());
    assertThat(covered).containsExactlyInAnyOrderElementsOf(all);
  }

  // ---------------------------------------------------------------- nothing fires

  @Test
  @DisplayName("a routine reply fires nothing")
  void routineReplyFiresNothing() {
    Evaluation evaluation = evaluate(routineReply());
    assertThat(evaluation.hits()).isEmpty();
    assertThat(evaluation.ruleIds()).isEmpty();
  }

  @Test
  @DisplayName("a routine action (small reversible refund, confident agent) fires nothing")
  void routineActionFiresNothing() {
    assertThat(evaluate(routineAction()).hits()).isEmpty();
  }

  @Test
  @DisplayName("a business customer is routine, like a standard one")
  void businessSegmentIsRoutine() {
    assertThat(evaluate(with(routineReply(), "segment", "business")).hits()).isEmpty();
  }

  // ---------------------------------------------------------------- every row on its own

  /**
   * A routine proposal with exactly one condition changed, the distinct results expected and the ids of the rows
   * that must have matched.
   */
  record Case(String name, Map<String, Object> input, Set<Hit> expected, Set<String> expectedRuleIds) {
    @Override
    public String toString() {
      return name;
    }
  }

  static Case single(String name, Map<String, Object> input, Hit expected, String ruleId) {
    return new Case(name, input, Set.of(expected), Set.of(ruleId));
  }

  static Stream<Case> singleConditionCases() {
    List<Case> cases = new ArrayList<>();
    // Rows whose control model follows the proposal type: once for a reply, once for an action.
    record ByType(String ruleId, String reason, String queue, int priority, int sla, Object[] change) {}
    List<ByType> byType = List.of(
        new ByType("rule_security_signal", "SECURITY_CONCERN", "trust-safety", 90, 15,
            new Object[] {"securityConcern", 0.9}),
        new ByType("rule_angry_customer", "ANGRY_CUSTOMER", "support-leads", 80, 15, new Object[] {"anger", 0.9}),
        new ByType("rule_customer_requested_human", "CUSTOMER_REQUESTED_HUMAN", "support-agents", 75, 15,
            new Object[] {"humanRequested", 0.9}),
        new ByType("rule_vip_customer", "VIP_CUSTOMER", "support-leads", 70, 30, new Object[] {"segment", "VIP"}),
        new ByType("rule_sensitive_topic", "SENSITIVE_TOPIC", "legal", 70, 60, new Object[] {"sensitiveTopic", 0.9}),
        new ByType("rule_billing_dispute", "BILLING_DISPUTE", "billing", 70, 60, new Object[] {"billingDispute", 0.9}),
        new ByType("rule_low_confidence", "LOW_CONFIDENCE", "support-agents", 50, 60, new Object[] {"confidence", 0.5}),
        new ByType("rule_automation_paused", "AUTOMATION_PAUSED", "support-agents", 50, 60,
            new Object[] {"policyMode", "PAUSED"}),
        new ByType("rule_mandatory_review", "SAMPLED_FOR_REVIEW", "support-agents", 50, 60,
            new Object[] {"policyMode", "MANDATORY_REVIEW"}),
        new ByType("rule_language_not_covered", "LANGUAGE_NOT_COVERED", "support-agents", 60, 30,
            new Object[] {"languageCovered", false}));
    for (ByType row : byType) {
      String change = row.change()[0] + "=" + row.change()[1];
      cases.add(single(row.reason() + " on a reply (" + change + ") → review before send",
          with(routineReply(), row.change()), hit(row.reason(), row.queue(), row.priority(), row.sla(), REVIEW),
          row.ruleId()));
      cases.add(single(row.reason() + " on an action (" + change + ") → approval before action",
          with(routineAction(), row.change()), hit(row.reason(), row.queue(), row.priority(), row.sla(), APPROVAL),
          row.ruleId()));
    }

    // SECURITY_CONCERN by action kind. An ACCOUNT_ACCESS action is also a RESTRICTED_ACTION (see below); the
    // security row alone is seen when the kind reaches the table without the ACTION type.
    cases.add(single("SECURITY_CONCERN by kind alone (actionKind=ACCOUNT_ACCESS on a reply)",
        with(routineReply(), "actionKind", "ACCOUNT_ACCESS"),
        hit("SECURITY_CONCERN", "trust-safety", 90, 15, REVIEW), "rule_security_account_access"));
    cases.add(new Case("ACCOUNT_ACCESS action → SECURITY_CONCERN and RESTRICTED_ACTION, both trust-safety",
        with(routineAction(), "actionKind", "ACCOUNT_ACCESS", "amount", null),
        Set.of(hit("SECURITY_CONCERN", "trust-safety", 90, 15, APPROVAL),
            hit("RESTRICTED_ACTION", "trust-safety", 60, 60, APPROVAL)),
        Set.of("rule_security_account_access", "rule_restricted_account_access")));

    cases.add(single("HIGH_VALUE refund without an amount (or in an unknown currency) → one approval",
        with(routineAction(), "amount", null),
        hit("HIGH_VALUE", "support-leads", 60, 60, APPROVAL), "rule_money_without_amount"));
    cases.add(single("HIGH_VALUE refund of 500 → one approval", with(routineAction(), "amount", 500.0),
        hit("HIGH_VALUE", "support-leads", 60, 60, APPROVAL), "rule_high_value_approval"));
    cases.add(single("HIGH_VALUE credit of 500 → one approval",
        with(routineAction(), "actionKind", "CREDIT", "amount", 500.0),
        hit("HIGH_VALUE", "support-leads", 60, 60, APPROVAL), "rule_high_value_approval"));
    cases.add(single("HIGH_VALUE refund of 1500 → four eyes", with(routineAction(), "amount", 1500.0),
        hit("HIGH_VALUE", "support-leads", 60, 60, FOUR_EYES), "rule_high_value_four_eyes"));
    cases.add(single("HIGH_VALUE credit of 5000 → four eyes",
        with(routineAction(), "actionKind", "CREDIT", "amount", 5000.0),
        hit("HIGH_VALUE", "support-leads", 60, 60, FOUR_EYES), "rule_high_value_four_eyes"));

    cases.add(single("RESTRICTED_ACTION CANCELLATION → support-leads",
        with(routineAction(), "actionKind", "CANCELLATION", "amount", null),
        hit("RESTRICTED_ACTION", "support-leads", 60, 60, APPROVAL), "rule_restricted_cancellation"));
    cases.add(single("RESTRICTED_ACTION ACCOUNT_UPDATE → support-leads",
        with(routineAction(), "actionKind", "ACCOUNT_UPDATE", "amount", null),
        hit("RESTRICTED_ACTION", "support-leads", 60, 60, APPROVAL), "rule_restricted_account_update"));
    cases.add(single("RESTRICTED_ACTION DATA_EXPORT → trust-safety",
        with(routineAction(), "actionKind", "DATA_EXPORT", "amount", null),
        hit("RESTRICTED_ACTION", "trust-safety", 60, 60, APPROVAL), "rule_restricted_data_export"));
    cases.add(single("RESTRICTED_ACTION unknown kind SHIP_REPLACEMENT → support-leads",
        with(routineAction(), "actionKind", "SHIP_REPLACEMENT", "amount", null),
        hit("RESTRICTED_ACTION", "support-leads", 60, 60, APPROVAL), "rule_restricted_unknown_kind"));
    cases.add(single("RESTRICTED_ACTION unknown kind with an amount (VOUCHER 20) → support-leads",
        with(routineAction(), "actionKind", "VOUCHER", "amount", 20.0),
        hit("RESTRICTED_ACTION", "support-leads", 60, 60, APPROVAL), "rule_restricted_unknown_kind"));
    cases.add(single("RESTRICTED_ACTION action without a kind → support-leads (fail safe)",
        with(routineAction(), "actionKind", null, "amount", null),
        hit("RESTRICTED_ACTION", "support-leads", 60, 60, APPROVAL), "rule_restricted_missing_kind"));

    cases.add(new Case("IRREVERSIBLE_ACTION cancellation that cannot be undone → approval (and RESTRICTED_ACTION)",
        with(routineAction(), "actionKind", "CANCELLATION", "amount", null, "irreversible", true),
        Set.of(hit("IRREVERSIBLE_ACTION", "support-leads", 60, 60, APPROVAL),
            hit("RESTRICTED_ACTION", "support-leads", 60, 60, APPROVAL)),
        Set.of("rule_irreversible_action", "rule_restricted_cancellation")));
    cases.add(new Case("IRREVERSIBLE_ACTION refund without an amount → approval (and HIGH_VALUE: no amount)",
        with(routineAction(), "amount", null, "irreversible", true),
        Set.of(hit("IRREVERSIBLE_ACTION", "support-leads", 60, 60, APPROVAL),
            hit("HIGH_VALUE", "support-leads", 60, 60, APPROVAL)),
        Set.of("rule_irreversible_money_large", "rule_money_without_amount")));
    cases.add(single("IRREVERSIBLE_ACTION small refund, agent not sure (0.8) → approval",
        with(routineAction(), "confidence", 0.8, "irreversible", true),
        hit("IRREVERSIBLE_ACTION", "support-leads", 60, 60, APPROVAL), "rule_irreversible_money_unsure"));
    cases.add(single("IRREVERSIBLE_ACTION small refund, agent sure (0.95) → veto window of 30 min",
        with(routineAction(), "irreversible", true),
        hit("IRREVERSIBLE_ACTION", "support-leads", 40, 30, "VETO_WINDOW"), "rule_irreversible_money_veto_window"));

    cases.add(single("MISSING_CONTEXT reply without sources → review before send, 240 min",
        with(routineReply(), "missingContext", 1.0),
        hit("MISSING_CONTEXT", "support-agents", 40, 240, REVIEW), "rule_missing_context"));
    return cases.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("singleConditionCases")
  @DisplayName("one changed condition fires exactly its row")
  void oneChangedConditionFiresExactlyItsRow(Case c) {
    Evaluation evaluation = evaluate(c.input());
    assertThat(evaluation.hits()).containsExactlyInAnyOrderElementsOf(c.expected());
    assertThat(evaluation.ruleIds()).containsExactlyInAnyOrderElementsOf(c.expectedRuleIds());
  }

  // ---------------------------------------------------------------- rows that must not fire

  @Test
  @DisplayName("MISSING_CONTEXT is for replies only: an action without context fires nothing")
  void missingContextIgnoredForActions() {
    assertThat(evaluate(with(routineAction(), "missingContext", 1.0)).hits()).isEmpty();
  }

  @Test
  @DisplayName("HIGH_VALUE is for refunds and credits only: a restricted kind with a large amount is RESTRICTED_ACTION only")
  void highValueOnlyForMoneyMovements() {
    Evaluation evaluation = evaluate(with(routineAction(), "actionKind", "CANCELLATION", "amount", 5000.0));
    assertThat(evaluation.reasons()).containsExactly("RESTRICTED_ACTION");
  }

  @Test
  @DisplayName("an amount on a reply is ignored")
  void amountOnReplyIgnored() {
    assertThat(evaluate(with(routineReply(), "actionKind", "REFUND", "amount", 5000.0)).hits()).isEmpty();
  }

  @Test
  @DisplayName("irreversible=true on a reply is ignored")
  void irreversibleOnReplyIgnored() {
    assertThat(evaluate(with(routineReply(), "irreversible", true)).hits()).isEmpty();
  }

  // ---------------------------------------------------------------- boundaries

  @ParameterizedTest(name = "confidence {0} → LOW_CONFIDENCE fires: {1}")
  @CsvSource({"0.0, true", "0.41, true", "0.69, true", "0.6999, true", "0.70, false", "0.7001, false", "1.0, false"})
  @DisplayName("confidence threshold is 0.70 (below fires)")
  void confidenceBoundary(double confidence, boolean fires) {
    Set<String> reasons = evaluate(with(routineReply(), "confidence", confidence)).reasons();
    assertThat(reasons).isEqualTo(fires ? Set.of("LOW_CONFIDENCE") : Set.of());
  }

  @ParameterizedTest(name = "{0} of {1} → {2}")
  @CsvSource({
      "REFUND, 0.0, -",
      "REFUND, 99.99, -",
      "REFUND, 100.0, " + APPROVAL,
      "REFUND, 100.01, " + APPROVAL,
      "REFUND, 999.99, " + APPROVAL,
      "REFUND, 1000.0, " + FOUR_EYES,
      "REFUND, 1000.01, " + FOUR_EYES,
      "CREDIT, 99.99, -",
      "CREDIT, 100.0, " + APPROVAL,
      "CREDIT, 999.99, " + APPROVAL,
      "CREDIT, 1000.0, " + FOUR_EYES})
  @DisplayName("HIGH_VALUE thresholds are 100 (approval) and 1000 (four eyes)")
  void amountBoundary(String kind, double amount, String controlModel) {
    Set<Hit> hits = evaluate(with(routineAction(), "actionKind", kind, "amount", amount)).hits();
    if ("-".equals(controlModel)) {
      assertThat(hits).isEmpty();
    } else {
      assertThat(hits).containsExactly(hit("HIGH_VALUE", "support-leads", 60, 60, controlModel));
    }
  }

  @Test
  @DisplayName("an integer amount is compared like a decimal one")
  void integerAmount() {
    assertThat(evaluate(with(routineAction(), "amount", 1000)).hits())
        .containsExactly(hit("HIGH_VALUE", "support-leads", 60, 60, FOUR_EYES));
  }

  static Stream<Arguments> signalBoundaries() {
    Map<String, String> reasonBySignal = Map.of(
        "anger", "ANGRY_CUSTOMER",
        "sensitiveTopic", "SENSITIVE_TOPIC",
        "securityConcern", "SECURITY_CONCERN",
        "billingDispute", "BILLING_DISPUTE",
        "humanRequested", "CUSTOMER_REQUESTED_HUMAN",
        "missingContext", "MISSING_CONTEXT");
    return SIGNALS.stream().flatMap(signal -> Stream.of(
        Arguments.of(signal, 0.49, Set.of()),
        Arguments.of(signal, 0.4999, Set.of()),
        Arguments.of(signal, 0.5, Set.of(reasonBySignal.get(signal))),
        Arguments.of(signal, 1.0, Set.of(reasonBySignal.get(signal)))));
  }

  @ParameterizedTest(name = "{0} = {1} → {2}")
  @MethodSource("signalBoundaries")
  @DisplayName("a signal fires at 0.5")
  void signalBoundary(String signal, double score, Set<String> expectedReasons) {
    assertThat(evaluate(with(routineReply(), signal, score)).reasons()).isEqualTo(expectedReasons);
  }

  // ---------------------------------------------------------------- null values

  @Test
  @DisplayName("a reply carries null actionKind and amount: nothing fires and nothing fails")
  void replyWithNullKindAndAmount() {
    Map<String, Object> reply = with(routineReply(), "actionKind", null, "amount", null);
    assertThat(evaluate(reply).hits()).isEmpty();
  }

  @Test
  @DisplayName("the unknown-kind entry not(...) does not match a null actionKind, even on a reply with every other column matching")
  void unknownKindEntryDoesNotMatchNull() {
    // FEEL (Scala engine 1.19) treats null as different from every listed value, so not("REFUND", …) alone would
    // match null; the entry lists null explicitly. Checked on a reply as well as through the rows that matched.
    Evaluation evaluation = evaluate(with(routineReply(), "actionKind", null));
    assertThat(evaluation.ruleIds()).doesNotContain("rule_restricted_unknown_kind");
    Evaluation action = evaluate(with(routineAction(), "actionKind", null, "amount", null));
    assertThat(action.ruleIds()).containsExactly("rule_restricted_missing_kind");
  }

  @Test
  @DisplayName("a refund or credit with a null amount goes to a person: nobody can judge its value")
  void refundWithNullAmount() {
    assertThat(evaluate(with(routineAction(), "amount", null)).hits())
        .containsExactly(hit("HIGH_VALUE", "support-leads", 60, 60, APPROVAL));
    assertThat(evaluate(with(routineAction(), "actionKind", "CREDIT", "amount", null)).ruleIds())
        .containsExactly("rule_money_without_amount");
  }

  @Test
  @DisplayName("signals the detector did not score (null) never fire")
  void nullSignalsNeverFire() {
    Map<String, Object> reply = routineReply();
    SIGNALS.forEach(signal -> reply.put(signal, null));
    assertThat(evaluate(reply).hits()).isEmpty();
  }

  @Test
  @DisplayName("null segment, irreversible and policyMode are treated as routine")
  void otherNullsAreRoutine() {
    Map<String, Object> action = with(routineAction(), "segment", null, "irreversible", null, "policyMode", null,
        "workflow", null, "channel", null);
    assertThat(evaluate(action).hits()).isEmpty();
  }

  @ParameterizedTest(name = "variable {0} absent")
  @ValueSource(strings = {"proposalType", "workflow", "channel", "segment", "confidence", "actionKind", "amount",
      "irreversible", "anger", "policyMode", "languageCovered"})
  @DisplayName("an absent variable does not make the evaluation fail")
  void absentVariable(String name) {
    Map<String, Object> reply = routineReply();
    reply.remove(name);
    assertThatCode(() -> evaluate(reply)).doesNotThrowAnyException();
  }

  // ---------------------------------------------------------------- combined sample proposals

  @Test
  @DisplayName("sample: account ACCESS action with a security signal → SECURITY_CONCERN + RESTRICTED_ACTION, all trust-safety")
  void sampleAccountAccess() {
    Evaluation evaluation = evaluate(with(routineAction(), "actionKind", "ACCOUNT_ACCESS", "amount", null,
        "irreversible", false, "confidence", 0.8, "securityConcern", 0.9));
    // Both security rows match (signal and kind) with identical results; the consumer keeps one per reason.
    assertThat(evaluation.ruleIds()).containsExactlyInAnyOrder(
        "rule_security_signal", "rule_security_account_access", "rule_restricted_account_access");
    assertThat(evaluation.reasons()).containsExactlyInAnyOrder("SECURITY_CONCERN", "RESTRICTED_ACTION");
    assertThat(evaluation.hits()).extracting(Hit::queue).containsOnly("trust-safety");
    assertThat(evaluation.hits()).extracting(Hit::controlModel).containsOnly(APPROVAL);
    assertThat(evaluation.hits()).contains(hit("SECURITY_CONCERN", "trust-safety", 90, 15, APPROVAL));
  }

  @Test
  @DisplayName("sample: angry reply → ANGRY_CUSTOMER, support-leads, 80, 15 min")
  void sampleAngryReply() {
    Evaluation evaluation = evaluate(with(routineReply(), "anger", 0.9, "confidence", 0.9));
    assertThat(evaluation.hits()).containsExactly(hit("ANGRY_CUSTOMER", "support-leads", 80, 15, REVIEW));
  }

  @Test
  @DisplayName("sample: irreversible refund of 2880 → HIGH_VALUE (four eyes) + IRREVERSIBLE_ACTION")
  void sampleLargeIrreversibleRefund() {
    Evaluation evaluation = evaluate(with(routineAction(), "amount", 2880.0, "irreversible", true,
        "confidence", 0.83));
    assertThat(evaluation.hits()).containsExactlyInAnyOrder(
        hit("HIGH_VALUE", "support-leads", 60, 60, FOUR_EYES),
        hit("IRREVERSIBLE_ACTION", "support-leads", 60, 60, APPROVAL));
  }

  @Test
  @DisplayName("sample: legal reply without sources → SENSITIVE_TOPIC + MISSING_CONTEXT")
  void sampleLegalReplyWithoutSources() {
    Evaluation evaluation = evaluate(with(routineReply(), "sensitiveTopic", 0.9, "missingContext", 1.0,
        "confidence", 0.74));
    assertThat(evaluation.hits()).containsExactlyInAnyOrder(
        hit("SENSITIVE_TOPIC", "legal", 70, 60, REVIEW),
        hit("MISSING_CONTEXT", "support-agents", 40, 240, REVIEW));
  }

  @Test
  @DisplayName("sample: irreversible refund of 249 → HIGH_VALUE (one approval) + IRREVERSIBLE_ACTION")
  void sampleMediumIrreversibleRefund() {
    Evaluation evaluation = evaluate(with(routineAction(), "amount", 249.0, "irreversible", true,
        "confidence", 0.88));
    assertThat(evaluation.hits()).containsExactlyInAnyOrder(
        hit("HIGH_VALUE", "support-leads", 60, 60, APPROVAL),
        hit("IRREVERSIBLE_ACTION", "support-leads", 60, 60, APPROVAL));
  }

  @Test
  @DisplayName("sample: VIP reply with confidence 0.41 → VIP_CUSTOMER + LOW_CONFIDENCE")
  void sampleUnsureVipReply() {
    Evaluation evaluation = evaluate(with(routineReply(), "segment", "VIP", "confidence", 0.41));
    assertThat(evaluation.hits()).containsExactlyInAnyOrder(
        hit("VIP_CUSTOMER", "support-leads", 70, 30, REVIEW),
        hit("LOW_CONFIDENCE", "support-agents", 50, 60, REVIEW));
  }

  @Test
  @DisplayName("paused automation adds AUTOMATION_PAUSED to whatever else fires")
  void pausedAddsToOtherReasons() {
    Evaluation evaluation = evaluate(with(routineReply(), "policyMode", "PAUSED", "anger", 0.8));
    assertThat(evaluation.reasons()).containsExactlyInAnyOrder("AUTOMATION_PAUSED", "ANGRY_CUSTOMER");
  }
}
