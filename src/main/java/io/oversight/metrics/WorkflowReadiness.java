package io.oversight.metrics;

import io.oversight.metrics.Readiness.Recommendation;
import io.oversight.metrics.Readiness.Thresholds;
import io.oversight.policy.Policies;
import io.oversight.policy.Policy;
import io.oversight.policy.ReadinessEvidence;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/**
 * Judges whether a workflow has earned sampled QA. Leaving review needs strong evidence: at least
 * {@code minDecisions} decisions and an override rate whose 95 % upper bound is at most
 * {@code maxOverrideRate}. Returning to review needs only the evidence of QA: a workflow whose
 * automatic approvals run (EXCEPTIONS_ONLY) returns when the share of audits that found a missed
 * escalation is above the same maximum.
 */
@Service
class WorkflowReadiness implements ReadinessEvidence {

    private final ReadinessQueries queries;
    private final Policies policies;
    private final ReadinessProperties properties;
    private final OwnerMetrics metrics;

    WorkflowReadiness(ReadinessQueries queries, Policies policies, ReadinessProperties properties, OwnerMetrics metrics) {
        this.queries = queries;
        this.policies = policies;
        this.properties = properties;
        this.metrics = metrics;
    }

    Thresholds defaults() {
        return new Thresholds(properties.minDecisions(), properties.maxOverrideRate());
    }

    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Readiness judge(String workflow, MetricsWindow window, Thresholds thresholds) {
        Policy policy = policies.effective(workflow);
        ReadinessQueries.Figures f = queries.of(workflow, window);
        double upper = Ratios.wilsonUpper95(f.overrides(), f.decisions());
        double missedRate = Ratios.rate(f.missed(), f.audits());
        boolean automated = policy.mode() == Policy.Mode.EXCEPTIONS_ONLY;
        Recommendation recommendation;
        Double suggested = null;
        String reason;
        if (automated && f.missed() > 0 && missedRate > thresholds.maxOverrideRate()) {
            recommendation = Recommendation.RETURN_TO_REVIEW;
            reason = "QA found %d missed escalations in %d audits (%s), above the maximum of %s: set MANDATORY_REVIEW"
                    .formatted(f.missed(), f.audits(), percent(missedRate), percent(thresholds.maxOverrideRate()));
        } else if (f.decisions() >= thresholds.minDecisions() && upper <= thresholds.maxOverrideRate()) {
            recommendation = Recommendation.MOVE_TO_SAMPLED_QA;
            suggested = suggestedRate(f.proposals(), thresholds.minDecisions(), policy.qaSampleRate());
            reason = "%d decisions, %d overrides: the override rate is at most %s (95 %% upper bound), within %s; "
                    .formatted(f.decisions(), f.overrides(), percent(upper), percent(thresholds.maxOverrideRate()))
                    + (automated ? "keep automatic approvals with post-action QA at " + suggested
                            : "set EXCEPTIONS_ONLY with qaSampleRate " + suggested);
        } else {
            recommendation = Recommendation.KEEP_REVIEW;
            reason = f.decisions() < thresholds.minDecisions()
                    ? "%d decisions, fewer than the %d needed to judge".formatted(f.decisions(), thresholds.minDecisions())
                    : "%d decisions, %d overrides: the override rate may be up to %s (95 %% upper bound), above %s"
                            .formatted(f.decisions(), f.overrides(), percent(upper), percent(thresholds.maxOverrideRate()));
        }
        return new Readiness(workflow, policy.mode().name(), policy.qaSampleRate(), window.from(), window.to(),
                f.decisions(), f.overrides(), Ratios.rate(f.overrides(), f.decisions()), upper, f.audits(), f.missed(),
                missedRate, thresholds.minDecisions(), thresholds.maxOverrideRate(), recommendation, suggested, reason);
    }

    /** Every workflow with proposals in the window or a policy of its own. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public List<Readiness> judgeAll(MetricsWindow window, Thresholds thresholds) {
        return queries.workflows(window).stream().map(workflow -> judge(workflow, window, thresholds)).toList();
    }

    /** Over the default window ending now with the default thresholds, for the POLICY_CHANGED event. */
    @Override
    public Map<String, Object> now(String workflow) {
        Readiness r = judge(workflow, MetricsWindow.last(MetricsWindow.DEFAULT_LENGTH, metrics.now()), defaults());
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("from", r.from().toString());
        figures.put("to", r.to().toString());
        figures.put("decisions", r.decisions());
        figures.put("overrides", r.overrides());
        figures.put("overrideRate", r.overrideRate());
        figures.put("overrideRateUpper95", r.overrideRateUpper95());
        figures.put("qaAudits", r.qaAudits());
        figures.put("missedEscalations", r.missedEscalations());
        figures.put("recommendation", r.recommendation().name());
        figures.put("suggestedQaSampleRate", r.suggestedQaSampleRate());
        return figures;
    }

    /**
     * Enough post-action audits to see as many cases per window as it took to judge the reviews
     * (minDecisions of the window's proposals), rounded up to hundredths; never below 0.01 or the current rate.
     */
    static double suggestedRate(long proposals, int minDecisions, double current) {
        double needed = proposals == 0 ? 1.0 : Math.min(1.0, (double) minDecisions / proposals);
        double rounded = BigDecimal.valueOf(needed).setScale(2, RoundingMode.CEILING).doubleValue();
        return Math.max(Math.max(0.01, rounded), current);
    }

    private static String percent(double rate) {
        return BigDecimal.valueOf(rate * 100).setScale(2, RoundingMode.HALF_UP).stripTrailingZeros().toPlainString()
                .toLowerCase(Locale.ROOT) + " %";
    }
}
