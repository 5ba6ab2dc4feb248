package io.oversight.proposal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/** The outcome part of the proposal document once decided (CONTRACT §3). */
public record Outcome(
        String decision,
        ReplyText reply,
        JsonNode action,
        String decidedBy,
        Instant decidedAt,
        String comment,
        boolean changed,
        String infoRequest) {

    public record ReplyText(String text) {}

    public static Outcome approvedByRules(ReplyText reply, JsonNode action) {
        return new Outcome("APPROVE", reply, action, "system:escalationRules", Instant.now(), null, false, null);
    }
}
