package io.oversight.metrics;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * When a workflow's reviews have stopped changing outcomes ({@code GET /api/v1/policies/{w}/readiness}):
 * at least {@code oversight.readiness.min-decisions} human decisions, and the 95 % Wilson upper bound of
 * their override rate at most {@code oversight.readiness.max-override-rate}. Both can be given per request.
 */
@ConfigurationProperties("oversight.readiness")
record ReadinessProperties(@DefaultValue("50") int minDecisions, @DefaultValue("0.05") double maxOverrideRate) {}
