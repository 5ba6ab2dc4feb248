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
        @DefaultValue Map<String, Map<String, BigDecimal>> approvalLimits) {

    /** The limits that apply to a currency that is not listed (or missing): usually only unlimited groups. */
    public static final String ANY_CURRENCY = "ANY";

    /** The currencies with their own approval limits: amounts in any other currency count as unknown. */
    public java.util.Set<String> currencies() {
        java.util.Set<String> known = new java.util.HashSet<>(approvalLimits.keySet());
        known.remove(ANY_CURRENCY);
        return known;
    }

    /**
     * The highest amount in this currency any of the groups may approve; null = no limit. A currency
     * without its own limits falls back to {@link #ANY_CURRENCY}; a group not listed may approve no amount.
     */
    public BigDecimal limitFor(Iterable<String> groups, String currency) {
        Map<String, BigDecimal> limits = currency == null ? null : approvalLimits.get(currency);
        if (limits == null) {
            limits = approvalLimits.getOrDefault(ANY_CURRENCY, Map.of());
        }
        BigDecimal best = BigDecimal.ZERO;
        for (String group : groups) {
            BigDecimal limit = limits.get(group);
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
