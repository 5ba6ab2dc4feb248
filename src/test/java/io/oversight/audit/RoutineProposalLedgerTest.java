package io.oversight.audit;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * A routine proposal is decided in the request that submits it; all its audit events reach the ledger as one
 * append (one head lock, one insert batch, one head move) when that request's transaction commits, and the
 * chain still verifies (issue 13, item 4).
 */
@OversightTest
class RoutineProposalLedgerTest {

    @LocalServerPort int port;
    @Autowired MeterRegistry meters;
    @Autowired LedgerReader reader;
    @Autowired LedgerVerifier verifier;

    @Test
    void theEventsOfARoutineProposalAreOneLedgerAppend() {
        double batches = meters.counter("oversight.audit.ledger.batches").count();
        double entries = meters.counter("oversight.audit.ledger.entries").count();

        var submitted = new ApiClient("http://localhost:" + port).submit(ApiClient.freshExample("routine-reply"));

        assertThat(submitted.status()).isEqualTo(201);
        assertThat(submitted.json().get("status").asText()).isEqualTo("APPROVED");
        var trail = reader.ofProposal(submitted.json().get("id").asText());
        assertThat(trail).extracting(LedgerEntry::type).startsWith("PROPOSED").contains("DECIDED");
        assertThat(meters.counter("oversight.audit.ledger.batches").count() - batches).as("ledger appends").isEqualTo(1);
        assertThat(meters.counter("oversight.audit.ledger.entries").count() - entries).isEqualTo(trail.size());
        assertThat(verifier.verify().valid()).isTrue();
    }
}
