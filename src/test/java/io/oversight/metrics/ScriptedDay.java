package io.oversight.metrics;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.support.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * The seed's demo test 5: a day of support traffic, {@code [NOW − 24 h, NOW)}. Six routine replies
 * go out automatically and are all audited — one turns out to be a missed escalation, one a
 * quality issue. Eight escalations are decided: four approved unchanged (false escalations), two
 * edited and two rejected (overrides). One angry customer is still with lena.
 */
final class ScriptedDay {

    private static final Instant MORNING = MetricsContract.NOW.minus(Duration.ofHours(20));

    private final Traffic traffic;
    private final String sampledWorkflow;
    private int hour;

    ScriptedDay(Traffic traffic, String sampledWorkflow) {
        this.traffic = traffic;
        this.sampledWorkflow = sampledWorkflow;
    }

    void play() {
        String[] verdicts = {"OK", "OK", "SHOULD_HAVE_ESCALATED", "OK", "QUALITY_ISSUE", "OK"};
        for (String verdict : verdicts) {
            String id = traffic.routine(sampledWorkflow);
            traffic.qa(id, verdict.equals("OK") ? Map.of("qaVerdict", verdict)
                    : Map.of("qaVerdict", verdict, "reviewComment", "the agent promised a refund date"));
            Instant created = next();
            traffic.times(id, created, created, null);
            traffic.qaAt(id, created.plus(Duration.ofMinutes(30)));
        }
        decide(traffic.submit("angry-customer"), "lena", Map.of("decision", "APPROVE"), 300);
        decide(traffic.submit("angry-customer"), "lena", Map.of("decision", "APPROVE"), 600);
        decide(traffic.submit("angry-customer"), "lena", Map.of("decision", "EDIT", "editedReply", "Rob, it ships today."), 900);
        decide(traffic.submit("vip-low-confidence"), "lena", Map.of("decision", "REJECT", "reviewComment", "wrong plan"), 1200);
        decide(traffic.submit("legal-question"), "lee", Map.of("decision", "APPROVE"), 60);
        decide(traffic.submit("legal-question"), "lee", Map.of("decision", "EDIT", "editedReply", "Our lawyers will call."), 120);
        decide(traffic.submit("account-access"), "sam", Map.of("decision", "REJECT", "reviewComment", "verify first"), 180);
        ObjectNode refund = ApiClient.freshExample("refund-approval");
        refund.putObject("signals").put("billingDispute", 0.9);
        decide(traffic.submit(refund), "bill", Map.of("decision", "APPROVE"), 240);

        String waiting = traffic.submit("angry-customer");
        traffic.claim(waiting, "lena");
        Instant created = next();
        traffic.times(waiting, created, null, created.plusSeconds(900));
    }

    private void decide(String id, String user, Map<String, Object> decision, long seconds) {
        traffic.decide(id, user, decision);
        Instant created = next();
        traffic.times(id, created, created.plusSeconds(seconds), created.plusSeconds(900));
    }

    private Instant next() {
        return MORNING.plus(Duration.ofHours(hour++));
    }
}
