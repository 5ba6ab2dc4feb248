package io.oversight.escalation;

import java.util.Map;

/** One row of the escalation rules that fired for a proposal. */
record RuleHit(String reason, String queue, int priority, int slaMinutes, String controlModel) {

    static RuleHit of(Map<String, Object> row) {
        return new RuleHit((String) row.get("reason"), (String) row.get("queue"),
                ((Number) row.get("priority")).intValue(), ((Number) row.get("slaMinutes")).intValue(),
                (String) row.get("controlModel"));
    }
}
