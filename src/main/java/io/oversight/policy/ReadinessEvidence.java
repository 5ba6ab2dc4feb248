package io.oversight.policy;

import java.util.Map;

/**
 * The figures on which a workflow's review mode is judged (its readiness for sampled QA), recorded
 * with every policy change so the audit trail shows what the owner saw when deciding.
 * Implemented by the owner's metrics, which know how to compute them.
 */
public interface ReadinessEvidence {

    /** The workflow's readiness figures now, as JSON-serialisable details. */
    Map<String, Object> now(String workflow);
}
