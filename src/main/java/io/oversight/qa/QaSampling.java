package io.oversight.qa;

import java.util.HashMap;
import java.util.Map;
import java.util.random.RandomGenerator;
import org.camunda.bpm.engine.RuntimeService;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Draws the sampled QA reviews: a share of auto-approved proposals (per workflow policy) gets a
 * post-action audit, and a share of human decisions gets a blind second review. Either is its own
 * small process, so the customer and the proposal never wait for it.
 */
@Component
public class QaSampling {

    public static final String PROCESS_KEY = "post-action-qa";
    public static final String POST_ACTION_AUDIT = "POST_ACTION_AUDIT";
    public static final String BLIND_REVIEW = "BLIND_REVIEW";
    /** Variables of a post-action audit: the rules version that approved it, and the reason QA says should have fired. */
    public static final String RULE_VERSION = "ruleVersion";
    public static final String MISSED_REASON = "missedReason";

    private final RuntimeService runtime;
    private final double agreementSampleRate;
    private final RandomGenerator random;

    @Autowired
    QaSampling(RuntimeService runtime, @Value("${oversight.review.agreement-sample-rate:0.0}") double agreementSampleRate) {
        this(runtime, agreementSampleRate, RandomGenerator.getDefault());
    }

    QaSampling(RuntimeService runtime, double agreementSampleRate, RandomGenerator random) {
        this.runtime = runtime;
        this.agreementSampleRate = agreementSampleRate;
        this.random = random;
    }

    /** After an automatic approval: sampled at the workflow's qaSampleRate. */
    public boolean maybeAuditAutoApproval(String proposalId, double qaSampleRate, Map<String, Object> context) {
        return draw(qaSampleRate) && start(proposalId, POST_ACTION_AUDIT, context);
    }

    /** After a person's decision: sampled at the configured agreement sample rate, reviewed blind. */
    public boolean maybeReviewBlind(String proposalId, Map<String, Object> context) {
        return draw(agreementSampleRate) && start(proposalId, BLIND_REVIEW, context);
    }

    private boolean draw(double rate) {
        return rate > 0 && (rate >= 1 || random.nextDouble() < rate);
    }

    private boolean start(String proposalId, String kind, Map<String, Object> context) {
        Map<String, Object> variables = new HashMap<>(context);
        variables.put("proposalId", proposalId);
        variables.put("qaKind", kind);
        runtime.startProcessInstanceByKey(PROCESS_KEY, proposalId, variables);
        return true;
    }
}
