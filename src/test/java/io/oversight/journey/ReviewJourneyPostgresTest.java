package io.oversight.journey;

import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;

/** The same journey on a real PostgreSQL server; .ci/run creates a fresh database and sets the URL. */
@EnabledIfEnvironmentVariable(named = "OVERSIGHT_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "Set OVERSIGHT_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/<fresh db> "
                + "(and OVERSIGHT_TEST_POSTGRES_USER) to run on PostgreSQL; .ci/run does this")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=${OVERSIGHT_TEST_POSTGRES_URL}",
        "spring.datasource.username=${OVERSIGHT_TEST_POSTGRES_USER:postgres}",
        "spring.datasource.password=${OVERSIGHT_TEST_POSTGRES_PASSWORD:}",
        "oversight.demo.seed-proposals=false",
        "oversight.action-worker.enabled=false",
        "camunda.bpm.job-execution.enabled=false"})
class ReviewJourneyPostgresTest extends ReviewJourney {

    @org.springframework.beans.factory.annotation.Autowired
    org.springframework.jdbc.core.simple.JdbcClient jdbc;

    @org.springframework.beans.factory.annotation.Autowired
    org.camunda.bpm.engine.ProcessEngine engine;

    @org.junit.jupiter.api.Test
    void camundasAuthorizedGroupIdsStatementRunsAsTheIndexSkipScan() {
        // io.oversight.ops.AuthorizedGroupIdsQuery; the journey's reviews run through it
        org.assertj.core.api.Assertions.assertThat(((org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl)
                engine.getProcessEngineConfiguration()).getDbSqlSessionFactory().mapStatement("selectAuthorizedGroupIds"))
                .isEqualTo("selectAuthorizedGroupIds_ovsPostgres");
    }

    @org.junit.jupiter.api.Test
    void queuePagesHaveTheirIndexAndStatistics() {
        org.assertj.core.api.Assertions.assertThat(jdbc.sql(
                "select count(*) from pg_indexes where indexname = 'ovs_ix_task_priority_due'").query(Long.class).single())
                .isEqualTo(1);
        org.assertj.core.api.Assertions.assertThat(jdbc.sql(
                "select count(*) from pg_statistic_ext where stxname like 'ovs_st_auth_%'").query(Long.class).single())
                .isEqualTo(3);
    }
}
