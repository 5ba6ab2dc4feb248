package io.oversight.escalation;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Review policy settings from oversight-policy.yaml. */
@ConfigurationProperties("oversight.review")
public record ReviewSettings(
        @DefaultValue("0.6667") double slaWarningShare,
        @DefaultValue("PT4H") Duration informationTimeout,
        @DefaultValue Map<String, BigDecimal> approvalLimits) {

    /** The highest amount any of the groups may approve; null = no limit. */
    public BigDecimal limitFor(Iterable<String> groups) {
        BigDecimal best = BigDecimal.ZERO;
        for (String group : groups) {
            BigDecimal limit = approvalLimits.get(group);
            if (limit == null) {
                continue;
            }
            if (limit.signum() < 0) {
                return null;
            }
            best = best.max(limit);
        }
        return best;
    }
}
