package io.oversight.signals;

import java.util.List;

/**
 * Names of the signals the detector produces. The names are used verbatim as DMN input variables,
 * so they must not change without updating the decision tables.
 */
public final class Signals {

    public static final String ANGER = "anger";
    public static final String SENSITIVE_TOPIC = "sensitiveTopic";
    public static final String SECURITY_CONCERN = "securityConcern";
    public static final String BILLING_DISPUTE = "billingDispute";
    public static final String HUMAN_REQUESTED = "humanRequested";
    public static final String MISSING_CONTEXT = "missingContext";

    /** All signal names, in report order. */
    public static final List<String> ALL = List.of(
            ANGER, SENSITIVE_TOPIC, SECURITY_CONCERN, BILLING_DISPUTE, HUMAN_REQUESTED, MISSING_CONTEXT);

    /** A signal fires when its score is at least this value (the rules table uses the same cut). */
    public static final double THRESHOLD = 0.5;

    private Signals() {
    }
}
