package io.oversight.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.oversight.proposal.ProposalDocument;
import io.oversight.support.OversightTest;
import io.oversight.support.Proposals;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * RULES_EVALUATED names the rule version the engine evaluated for the proposal, and the evaluation in the
 * engine's decision history, also right after a redeploy, routine or escalated.
 */
@OversightTest
class EvaluatedRulesVersionTest {

    @Autowired RepositoryService repository;
    @Autowired HistoryService history;
    @Autowired Proposals proposals;
    @Autowired JdbcClient jdbc;

    @Test
    void theTrailNamesTheVersionJustDeployed() throws Exception {
        ProposalDocument before = proposals.submitExample("angry-customer");
        int evaluatedBefore = evaluatedVersion(before.id());
        assertThat(recordedVersion(before.id())).isEqualTo(evaluatedBefore);

        String dmn;
        try (InputStream in = getClass().getResourceAsStream("/processes/escalation-rules.dmn")) {
            dmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        // the same rules, one description changed: a new version the engine binds to at once
        repository.createDeployment().name("redeploy-test")
                .addString("processes/escalation-rules.dmn", dmn.replace("Which proposals", "Which of the proposals"))
                .deploy();

        ProposalDocument after = proposals.submitExample("angry-customer");
        assertThat(evaluatedVersion(after.id())).isEqualTo(evaluatedBefore + 1);
        assertThat(recordedVersion(after.id())).isEqualTo(evaluatedBefore + 1);
        ProposalDocument routine = proposals.submitExample("routine-reply");
        assertThat(evaluatedVersion(routine.id())).isEqualTo(evaluatedBefore + 1);
        assertThat(recordedVersion(routine.id())).isEqualTo(evaluatedBefore + 1);
        assertThat(jdbc.sql("select rules_version from ovs_approval where proposal_id = ?").param(routine.id())
                .query(Integer.class).single()).isEqualTo(evaluatedBefore + 1);
    }

    /** The version of the evaluation the trail points to, as the engine's decision history has it. */
    private int evaluatedVersion(String proposalId) {
        String definitionId = history.createHistoricDecisionInstanceQuery().decisionInstanceId(detail(proposalId,
                "\"decisionInstanceId\":\"([^\"]+)\"")).singleResult().getDecisionDefinitionId();
        return repository.getDecisionDefinition(definitionId).getVersion();
    }

    private int recordedVersion(String proposalId) {
        return Integer.parseInt(detail(proposalId, "\"decisionVersion\":(\\d+)"));
    }

    private String detail(String proposalId, String pattern) {
        String details = jdbc.sql("select details from ovs_audit_event where proposal_id = ? and type = 'RULES_EVALUATED'")
                .param(proposalId).query(String.class).single();
        var matcher = java.util.regex.Pattern.compile(pattern).matcher(details);
        assertThat(matcher.find()).as(details).isTrue();
        return matcher.group(1);
    }
}
