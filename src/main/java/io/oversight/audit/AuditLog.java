package io.oversight.audit;

import java.util.Map;

/**
 * Where every audit event of a proposal (or a policy) is recorded, in the caller's transaction,
 * so an event exists exactly when the change it describes was committed.
 */
public interface AuditLog {

    /**
     * Appends one event.
     *
     * @param proposalId the proposal, or null for events that belong to no proposal (policy changes)
     * @param actor      who acted: a user id, {@code agent:<agent id>} or {@code system}
     * @param details    JSON-serialisable details (maps, lists, strings, numbers, booleans)
     */
    void record(String proposalId, AuditEventType type, String actor, Map<String, Object> details);

    /** Details from key/value pairs, in order; null values are kept (JSON null). */
    static Map<String, Object> details(Object... keysAndValues) {
        Map<String, Object> details = new java.util.LinkedHashMap<>();
        for (int i = 0; i + 1 < keysAndValues.length; i += 2) {
            details.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return details;
    }
}
