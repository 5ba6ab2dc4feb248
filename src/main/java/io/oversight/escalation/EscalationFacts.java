package io.oversight.escalation;

import io.oversight.proposal.ProposalRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What the owner's analysis groups escalations by, written with the escalation in its transaction:
 * one row per reason (with the rules version that fired it) and one per retrieved source (keyed by
 * URL, else title). Routine proposals write nothing here.
 */
@Repository
class EscalationFacts {

    static final int SOURCE_LENGTH = 1000;
    static final int TITLE_LENGTH = 500;

    private final JdbcClient jdbc;

    EscalationFacts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void record(String proposalId, List<String> reasons, int ruleVersion, List<ProposalRequest.Source> sources) {
        for (String reason : reasons.stream().distinct().toList()) {
            jdbc.sql("insert into ovs_proposal_reason (proposal_id, reason, rule_version) values (:id, :reason, :version)")
                    .param("id", proposalId).param("reason", reason).param("version", ruleVersion).update();
        }
        for (Map.Entry<String, String> source : keyed(sources).entrySet()) {
            jdbc.sql("insert into ovs_proposal_source (proposal_id, source, title) values (:id, :source, :title)")
                    .param("id", proposalId).param("source", source.getKey()).param("title", source.getValue()).update();
        }
    }

    /** Source key (URL, else title) → title; sources with neither are left out, repeats count once. */
    static Map<String, String> keyed(List<ProposalRequest.Source> sources) {
        Map<String, String> keyed = new LinkedHashMap<>();
        for (ProposalRequest.Source source : sources) {
            if (source == null) {
                continue;
            }
            String title = clip(source.title(), TITLE_LENGTH);
            String key = clip(source.url() != null && !source.url().isBlank() ? source.url() : source.title(), SOURCE_LENGTH);
            if (key != null) {
                keyed.putIfAbsent(key, title);
            }
        }
        return keyed;
    }

    private static String clip(String text, int length) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.strip();
        return trimmed.length() <= length ? trimmed : trimmed.substring(0, length);
    }
}
