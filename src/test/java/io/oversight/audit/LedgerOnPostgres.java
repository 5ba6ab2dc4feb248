package io.oversight.audit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.springframework.boot.test.context.SpringBootTest;

/**
 * Oversight on a real PostgreSQL server, with the same settings as the PostgreSQL journey so both
 * share one application context. Other tests may write to the same ledger meanwhile.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@EnabledIfEnvironmentVariable(named = "OVERSIGHT_TEST_POSTGRES_URL", matches = ".+",
        disabledReason = "Set OVERSIGHT_TEST_POSTGRES_URL=jdbc:postgresql://127.0.0.1:5432/<db> "
                + "(and OVERSIGHT_TEST_POSTGRES_USER) to run on PostgreSQL; .ci/run does this")
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=${OVERSIGHT_TEST_POSTGRES_URL}",
        "spring.datasource.username=${OVERSIGHT_TEST_POSTGRES_USER:postgres}",
        "spring.datasource.password=${OVERSIGHT_TEST_POSTGRES_PASSWORD:}",
        "oversight.demo.seed-proposals=false",
        "oversight.action-worker.enabled=false",
        "camunda.bpm.job-execution.enabled=false"})
@interface LedgerOnPostgres {}
