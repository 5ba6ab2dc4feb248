package io.oversight.signals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SignalDetectorTest {

    private static final SignalDetector DETECTOR = new SignalDetector();

    private static SignalReport customerSays(String text) {
        return DETECTOR.detect(new SignalInput("REPLY", List.of(new SignalInput.Message("customer", text)),
                null, true, null));
    }

    private static SignalReport reply(String type, String text, boolean hasSources) {
        return DETECTOR.detect(new SignalInput(type, List.of(new SignalInput.Message("customer", "Question?")),
                text, hasSources, Map.of()));
    }

    @Test
    void dataFilesLoadAndEveryReportHasAllSignalsInOrder() {
        SignalReport report = DETECTOR.detect(new SignalInput("REPLY", null, null, true, null));
        assertThat(report.signals().keySet()).containsExactlyElementsOf(Signals.ALL);
        assertThat(report.scores()).containsOnlyKeys(Signals.ALL).allSatisfy((name, score) -> assertThat(score).isZero());
    }

    @Test
    void angryExampleExplainsWhatMatched() {
        Signal anger = customerSays("This is the THIRD time I am writing. Your service is a joke and I am furious. "
                + "Fix this today or I cancel everything.").get(Signals.ANGER);
        assertThat(anger.fired()).isTrue();
        assertThat(anger.matches()).contains("furious", "THIRD", "cancel everything");
        assertThat(anger.detail()).startsWith("customer language scored " + Scores.format(anger.score()) + " for anger")
                .contains("\"furious\"", "\"THIRD\"");
    }

    @Test
    void nestedMatchesCountOnceKeepingTheStrongerRule() {
        Signal anger = customerSays("Your service is a joke.").get(Signals.ANGER);
        assertThat(anger.matches()).containsExactly("is a joke");
        Signal billing = customerSays("I did not authorize this payment.").get(Signals.BILLING_DISPUTE);
        assertThat(billing.matches()).contains("did not authorize").doesNotContain("I did not authorize this");
        assertThat(billing.fired()).isTrue();
    }

    @Test
    void negationCancelsAngerWords() {
        assertThat(customerSays("I'm not angry, just asking about the invoice.").score(Signals.ANGER)).isZero();
        assertThat(customerSays("I'm not upset at all, just curious.").score(Signals.ANGER)).isZero();
        assertThat(customerSays("I am angry about the invoice.").get(Signals.ANGER).fired()).isTrue();
        assertThat(customerSays("I don't need to talk to a human, thanks.").get(Signals.HUMAN_REQUESTED).fired()).isFalse();
    }

    @Test
    void acronymsAndOrderIdsInCapitalsAreNotShouting() {
        assertThat(customerSays("Can the API export a PDF over USB, priced in EUR? Order O-5521.").get(Signals.ANGER)
                .fired()).isFalse();
        assertThat(customerSays("That's great!! Thanks").get(Signals.ANGER).fired()).isFalse();
        assertThat(customerSays("WHY IS THIS STILL BROKEN").get(Signals.ANGER).fired()).isTrue();
    }

    @Test
    void sensitiveTopicReportsSubCategoriesAndScansTheProposedReply() {
        Signal legal = customerSays("Does clause 12 let me terminate early? My lawyer says it is unenforceable.")
                .get(Signals.SENSITIVE_TOPIC);
        assertThat(legal.detail()).contains("legal topic: \"lawyer\"", "contract topic: \"clause\"");

        Signal fromReply = reply("REPLY", "Per clause 7 our legal team says no refund.", true).get(Signals.SENSITIVE_TOPIC);
        assertThat(fromReply.fired()).isTrue();
        assertThat(fromReply.detail()).contains("(in proposed reply)");
    }

    @Test
    void onlyCustomerMessagesCountForCustomerSignals() {
        SignalReport report = DETECTOR.detect(new SignalInput("REPLY", List.of(
                new SignalInput.Message("agent", "I understand you are furious, let me get a human."),
                new SignalInput.Message("customer", "ok thanks")), "Sure.", true, null));
        SignalReport customerOnly = customerSays("ok thanks");
        assertThat(report.score(Signals.ANGER)).isEqualTo(customerOnly.score(Signals.ANGER)).isLessThan(0.5);
        assertThat(report.score(Signals.HUMAN_REQUESTED)).isEqualTo(customerOnly.score(Signals.HUMAN_REQUESTED))
                .isLessThan(0.5);
    }

    @Test
    void agentScoreCanRaiseButNeverLowerASignal() {
        Map<String, Double> agent = new HashMap<>();
        agent.put(Signals.ANGER, 0.8);
        agent.put(Signals.BILLING_DISPUTE, 0.1);
        agent.put(Signals.HUMAN_REQUESTED, Double.NaN);
        agent.put(Signals.SECURITY_CONCERN, null);
        SignalReport report = DETECTOR.detect(new SignalInput("REPLY",
                List.of(new SignalInput.Message("customer", "I filed a chargeback with my bank.")), null, true, agent));

        assertThat(report.score(Signals.ANGER)).isEqualTo(0.8);
        assertThat(report.get(Signals.ANGER).detail()).isEqualTo("agent classifier scored 0.80 for anger");
        assertThat(report.get(Signals.BILLING_DISPUTE).fired()).isTrue();
        assertThat(report.score(Signals.BILLING_DISPUTE)).isGreaterThan(0.1);
        assertThat(report.get(Signals.BILLING_DISPUTE).detail()).startsWith("customer language scored");
        SignalReport withoutAgent = customerSays("I filed a chargeback with my bank.");
        assertThat(report.score(Signals.HUMAN_REQUESTED)).isEqualTo(withoutAgent.score(Signals.HUMAN_REQUESTED));
        assertThat(report.score(Signals.SECURITY_CONCERN)).isEqualTo(withoutAgent.score(Signals.SECURITY_CONCERN));
    }

    @Test
    void agentDetailKeepsDetectorEvidenceWhenAgentIsStronger() {
        Signal weak = new Signal(Signals.ANGER, 0.3, List.of("!!!"), "customer language scored 0.30 for anger");
        Signal combined = SignalDetector.withAgentScore(weak, Map.of(Signals.ANGER, 1.7));
        assertThat(combined.score()).isEqualTo(1.0);
        assertThat(combined.matches()).containsExactly("!!!");
        assertThat(combined.detail()).startsWith("agent classifier scored 1.00 for anger; detector scored 0.30");
    }

    @Test
    void missingContextFiresOnlyForUnsourcedFactualReplies() {
        Signal factual = reply("REPLY", "Shipping to Austria takes 3-5 business days.", false).get(Signals.MISSING_CONTEXT);
        assertThat(factual.score()).isEqualTo(1.0);
        assertThat(factual.detail()).isEqualTo("reply states facts without any retrieved source");

        assertThat(reply("REPLY", "Shipping to Austria takes 3-5 business days.", true).score(Signals.MISSING_CONTEXT))
                .isZero();
        assertThat(reply("ACTION", "Refund order O-1 for 25 EUR", false).score(Signals.MISSING_CONTEXT)).isZero();
        assertThat(reply("REPLY", null, false).score(Signals.MISSING_CONTEXT)).isZero();
        for (String pleasantry : List.of("You're welcome!", "Thanks, let me check that for you.", "Happy to help.",
                "Hi Anna, thanks for reaching out. One moment please.")) {
            assertThat(reply("REPLY", pleasantry, false).get(Signals.MISSING_CONTEXT).fired())
                    .as(pleasantry).isFalse();
        }
        assertThat(reply("REPLY", "Happy to help. We do not ship to Norway.", false).score(Signals.MISSING_CONTEXT))
                .isEqualTo(1.0);
    }

    @Test
    void reportLookupRejectsUnknownNamesAndFillsMissingOnes() {
        SignalReport partial = new SignalReport(Map.of(Signals.ANGER, new Signal(Signals.ANGER, 0.7, null, null)));
        assertThat(partial.signals()).hasSize(Signals.ALL.size());
        assertThat(partial.firedSignals()).containsExactly(Signals.ANGER);
        assertThat(partial.score(Signals.MISSING_CONTEXT)).isZero();
        assertThatThrownBy(() -> partial.get("angr")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Signal("x", 1.2, null, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
