package io.oversight.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.support.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * A week of traffic with known decisions and times, for {@code GET /api/v1/metrics} over the week
 * {@code [NOW − 7 d, NOW)}. Every row's times are set after the fact, relative to the fixed NOW.
 * The expected figures are worked out in {@link MetricsContract#EVERY_FIELD_OF_THE_WEEK}.
 */
final class ScriptedWeek {

    static final Instant NOW = MetricsContract.NOW;
    private static final Instant DAY_ONE = NOW.minus(Duration.ofDays(4));

    private final Traffic traffic;
    private final String qaWorkflow;
    private int hour;

    ScriptedWeek(Traffic traffic, String qaWorkflow) {
        this.traffic = traffic;
        this.qaWorkflow = qaWorkflow;
    }

    void play() {
        automaticApprovalsWithPostActionAudits();
        decisionsByPeople();
        stillOpen();
        outsideTheWeek();
    }

    /** 4 routine replies approved by the rules; 3 of them audited: OK, missed escalation, quality issue. */
    private void automaticApprovalsWithPostActionAudits() {
        String[] verdicts = {"OK", "SHOULD_HAVE_ESCALATED", "QUALITY_ISSUE"};
        for (String verdict : verdicts) {
            String id = traffic.routine(qaWorkflow);
            traffic.qa(id, switch (verdict) {
                case "OK" -> Map.of("qaVerdict", verdict);
                // QA names the reason that should have fired: counted as missedByQa of ANGRY_CUSTOMER
                case "SHOULD_HAVE_ESCALATED" -> Map.of("qaVerdict", verdict, "reviewComment", "found in the audit",
                        "missedReason", "ANGRY_CUSTOMER");
                default -> Map.of("qaVerdict", verdict, "reviewComment", "found in the audit");
            });
            Instant created = next();
            traffic.times(id, created, created, null);
            traffic.qaAt(id, created.plus(Duration.ofHours(1)));
        }
        Instant created = next();
        traffic.times(traffic.routine("metrics-unsampled"), created, created, null);
    }

    /**
     * Nine final decisions by people and one veto window that closed by itself, with approval
     * times 30 s … 1200 s; reviews due 1000 s after creation (the legal one after 100 s).
     */
    private void decisionsByPeople() {
        String e1 = decided("angry-customer", "lena", Map.of("decision", "APPROVE"), 60);
        String e2 = decided("angry-customer", "lena", Map.of("decision", "EDIT", "editedReply", "Sorry, Rob — today."), 120);
        String e3 = decided("angry-customer", "lena", Map.of("decision", "REJECT", "reviewComment", "no promises"), 180);
        String e4 = submitted("legal-question");
        traffic.decide(e4, "lee", Map.of("decision", "APPROVE"));
        Instant created4 = next();
        traffic.times(e4, created4, created4.plusSeconds(240), created4.plusSeconds(100));
        decided("account-access", "sam", Map.of("decision", "APPROVE"), 300);
        decided(billingRefund(), "bill", Map.of("decision", "EDIT", "editedAction", "{\"amount\": 200.00}"), 600);
        decided(vetoWindowRefund(), "lena", Map.of("decision", "VETO", "reviewComment", "duplicate"), 900);
        String e8 = submitted("high-value-refund");
        traffic.decide(e8, "lena", Map.of("decision", "APPROVE"));
        decidedAfter(e8, "fran", Map.of("decision", "APPROVE"), 1200);
        decided("angry-customer", "lena", Map.of("decision", "TAKE_OVER", "humanReply", "Lena here."), 30);
        String e10 = traffic.submit(vetoWindowRefund());
        traffic.closeVetoWindow(e10);
        assertThat(traffic.status(e10)).isEqualTo("APPROVED");
        Instant created10 = next();
        traffic.times(e10, created10, created10.plusSeconds(3600), created10.plusSeconds(1000));

        blindReview(e1, "APPROVE");
        blindReview(e2, "APPROVE");
        blindReview(e3, "REJECT");
        blindReview(e4, "APPROVE");
    }

    /** Open now: a claimed case past its due date, a fresh legal question, and one waiting for information. */
    private void stillOpen() {
        String o1 = submitted("angry-customer");
        traffic.claim(o1, "lena");
        traffic.times(o1, NOW.minus(Duration.ofHours(2)), null, NOW.minus(Duration.ofHours(1)));
        String o2 = submitted("legal-question");
        traffic.times(o2, NOW.minus(Duration.ofMinutes(30)), null, NOW.plus(Duration.ofMinutes(30)));
        String o3 = submitted("legal-question");
        traffic.decide(o3, "lee", Map.of("decision", "REQUEST_INFO", "infoRequest", "Which contract?",
                "reviewComment", "need the version"));
        assertThat(traffic.status(o3)).isEqualTo("AWAITING_INFORMATION");
        Instant created = NOW.minus(Duration.ofDays(8));
        traffic.times(o3, created, null, created.plusSeconds(1000));
    }

    /** Before the week: a decision and its blind review, and an audited automatic approval. */
    private void outsideTheWeek() {
        String before = submitted("angry-customer");
        traffic.decide(before, "lena", Map.of("decision", "APPROVE"));
        Instant created = NOW.minus(Duration.ofDays(9));
        traffic.times(before, created, NOW.minus(Duration.ofDays(8)), created.plusSeconds(1000));
        blindReview(before, "REJECT");
        traffic.qaAt(before, NOW.minus(Duration.ofDays(8)));
        String audited = traffic.routine(qaWorkflow);
        traffic.qa(audited, Map.of("qaVerdict", "QUALITY_ISSUE", "reviewComment", "old news"));
        Instant old = NOW.minus(Duration.ofDays(10));
        traffic.times(audited, old, old, null);
        traffic.qaAt(audited, old.plusSeconds(60));
    }

    private String decided(String example, String user, Map<String, Object> decision, long seconds) {
        return decidedAfter(submitted(example), user, decision, seconds);
    }

    private String decided(ObjectNode body, String user, Map<String, Object> decision, long seconds) {
        String id = traffic.submit(body);
        assertThat(traffic.status(id)).isEqualTo("PENDING_REVIEW");
        return decidedAfter(id, user, decision, seconds);
    }

    /** Decides the open proposal, created at the next hour of the week and decided the given seconds later. */
    private String decidedAfter(String id, String user, Map<String, Object> decision, long seconds) {
        traffic.decide(id, user, decision);
        Instant created = next();
        traffic.times(id, created, created.plusSeconds(seconds), created.plusSeconds(1000));
        return id;
    }

    private String submitted(String example) {
        String id = traffic.submit(example);
        assertThat(traffic.status(id)).as(example).isEqualTo("PENDING_REVIEW");
        return id;
    }

    private void blindReview(String id, String blindDecision) {
        traffic.qa(id, Map.of("blindDecision", blindDecision));
        traffic.qaAt(id, NOW.minus(Duration.ofDays(2)));
    }

    /** A refund disputed as a billing matter: the billing queue (bill may approve up to 500). */
    private static ObjectNode billingRefund() {
        ObjectNode body = ApiClient.freshExample("refund-approval");
        body.putObject("signals").put("billingDispute", 0.9);
        return body;
    }

    /** A small, confident refund: proceeds at its due date unless support-leads veto it. */
    private static ObjectNode vetoWindowRefund() {
        ObjectNode body = ApiClient.freshExample("refund-approval");
        ((ObjectNode) body.get("action")).put("amount", 40);
        ((ObjectNode) body.get("agent")).put("confidence", 0.95);
        return body;
    }

    private Instant next() {
        return DAY_ONE.plus(Duration.ofHours(hour++));
    }
}
