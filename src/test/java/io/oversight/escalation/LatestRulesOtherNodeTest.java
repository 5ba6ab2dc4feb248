package io.oversight.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.oversight.support.OversightTest;
import io.oversight.support.Proposals;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.ProcessEngineConfiguration;
import org.camunda.bpm.engine.RepositoryService;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The latest escalationRules version is resolved once and kept ({@link LatestRules}); a version deployed by
 * <em>another node</em> (a second process engine on the same database, whose deployment this node's deployers
 * never see) still binds within the re-check interval (2 s by default), and the trail names it.
 */
@OversightTest
class LatestRulesOtherNodeTest {

    @Autowired RepositoryService repository;
    @Autowired Proposals proposals;
    @Autowired JdbcClient jdbc;

    @Test
    void aVersionDeployedByAnotherNodeBindsWithinTheRecheckInterval() throws Exception {
        int before = recordedVersion(proposals.submitExample("angry-customer").id());
        assertThat(recordedVersion(proposals.submitExample("angry-customer").id())).isEqualTo(before);

        String dmn;
        try (InputStream in = getClass().getResourceAsStream("/processes/escalation-rules.dmn")) {
            dmn = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        ProcessEngine otherNode = ProcessEngineConfiguration.createStandaloneProcessEngineConfiguration()
                .setProcessEngineName("other-node")
                .setJdbcUrl("jdbc:h2:mem:oversight-test;DB_CLOSE_DELAY=-1").setJdbcUsername("sa").setJdbcPassword("")
                .setDatabaseSchemaUpdate(ProcessEngineConfiguration.DB_SCHEMA_UPDATE_FALSE)
                .setHistory(ProcessEngineConfiguration.HISTORY_FULL)
                .setJobExecutorActivate(false)
                .buildProcessEngine();
        long deployedAt;
        try {
            otherNode.getRepositoryService().createDeployment().name("other-node-deploy")
                    .addString("processes/escalation-rules.dmn", dmn.replace("Which proposals", "Which of the proposals (other node)"))
                    .deploy();
            deployedAt = System.nanoTime();
        } finally {
            otherNode.close();
        }
        int latest = repository.createDecisionDefinitionQuery().decisionDefinitionKey(AgentProposalProcess.DECISION_KEY)
                .latestVersion().singleResult().getVersion();
        assertThat(latest).isEqualTo(before + 1);

        int recorded = before;
        while (recorded != latest && System.nanoTime() - deployedAt < 10_000_000_000L) {
            recorded = recordedVersion(proposals.submitExample("angry-customer").id());
            assertThat(recorded).isIn(before, latest);
            Thread.sleep(100);
        }
        long tookMillis = (System.nanoTime() - deployedAt) / 1_000_000;
        assertThat(recorded).as("version bound after %d ms", tookMillis).isEqualTo(latest);
        assertThat(tookMillis).as("bound within the 2 s re-check interval (plus one submission)").isLessThan(5_000);
        // and it stays bound
        assertThat(recordedVersion(proposals.submitExample("routine-reply").id())).isEqualTo(latest);
    }

    private int recordedVersion(String proposalId) {
        String details = jdbc.sql("select details from ovs_audit_event where proposal_id = ? and type = 'RULES_EVALUATED'")
                .param(proposalId).query(String.class).single();
        var matcher = java.util.regex.Pattern.compile("\"decisionVersion\":(\\d+)").matcher(details);
        assertThat(matcher.find()).as(details).isTrue();
        return Integer.parseInt(matcher.group(1));
    }
}
