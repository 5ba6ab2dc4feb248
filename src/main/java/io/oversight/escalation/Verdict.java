package io.oversight.escalation;

import io.oversight.proposal.ProposalType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the fired rules mean together: every reason is reported; the task takes the queue and
 * priority of the strongest reason, the shortest SLA, and the strictest control model.
 */
record Verdict(List<RuleHit> hits, int slaMinutes, String controlModel) {

    static final String REVIEW_BEFORE_SEND = "REVIEW_BEFORE_SEND";
    static final String APPROVAL_BEFORE_ACTION = "APPROVAL_BEFORE_ACTION";
    static final String FOUR_EYES_APPROVAL = "FOUR_EYES_APPROVAL";

    /** Control models from weakest to strictest. */
    private static final List<String> STRICTNESS =
            List.of("POST_ACTION_AUDIT", "VETO_WINDOW", REVIEW_BEFORE_SEND, APPROVAL_BEFORE_ACTION, FOUR_EYES_APPROVAL);

    static Verdict of(List<Map<String, Object>> rows, ProposalType type) {
        Map<String, RuleHit> strongestPerReason = new LinkedHashMap<>();
        for (Map<String, Object> row : rows) {
            RuleHit hit = RuleHit.of(row);
            strongestPerReason.merge(hit.reason(), hit, Verdict::stronger);
        }
        List<RuleHit> hits = new ArrayList<>(strongestPerReason.values());
        hits.sort(Comparator.comparingInt(RuleHit::priority).reversed());
        int sla = hits.stream().mapToInt(RuleHit::slaMinutes).min().orElse(0);
        String model = hits.stream().map(RuleHit::controlModel)
                .max(Comparator.comparingInt(STRICTNESS::indexOf)).orElse(null);
        return new Verdict(List.copyOf(hits), sla, fitToType(model, type));
    }

    boolean escalate() {
        return !hits.isEmpty();
    }

    RuleHit primary() {
        return hits.get(0);
    }

    /** A reply is reviewed before it is sent; an action is approved before it runs. */
    private static String fitToType(String model, ProposalType type) {
        if (model == null) {
            return null;
        }
        if (type == ProposalType.REPLY) {
            return REVIEW_BEFORE_SEND;
        }
        return model.equals(REVIEW_BEFORE_SEND) ? APPROVAL_BEFORE_ACTION : model;
    }

    private static RuleHit stronger(RuleHit a, RuleHit b) {
        if (a.priority() != b.priority()) {
            return a.priority() > b.priority() ? a : b;
        }
        return STRICTNESS.indexOf(b.controlModel()) > STRICTNESS.indexOf(a.controlModel()) ? b : a;
    }
}
