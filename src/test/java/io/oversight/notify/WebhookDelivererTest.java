package io.oversight.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.oversight.proposal.ProposalChange;
import io.oversight.proposal.ProposalStatus;
import io.oversight.proposal.ProposalStore;
import io.oversight.support.ApiClient;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.transaction.support.TransactionTemplate;

/** Delivery inside a running Oversight: two nodes never send one delivery twice, a rollback sends nothing. */
@WebhookTest
class WebhookDelivererTest {

    private static final Duration WAIT = Duration.ofSeconds(15);
    private static final int RACERS = 8;

    @LocalServerPort int port;
    @Autowired WebhookOutbox outbox;
    @Autowired WebhookSender sender;
    @Autowired WebhookProperties properties;
    @Autowired ProposalStore proposals;
    @Autowired TransactionTemplate transaction;
    CallbackReceiver receiver;

    @AfterEach
    void stop() {
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void twoDeliverersNeverSendTheSameDeliveryTwice() throws Exception {
        receiver = CallbackReceiver.accepting().holding(300);
        String id = outbox.add(UUID.randomUUID().toString(), receiver.url(), "{\"status\":\"APPROVED\"}", Instant.now());
        var first = new WebhookDeliverer(outbox, sender, properties, new SimpleMeterRegistry());
        var second = new WebhookDeliverer(outbox, sender, properties, new SimpleMeterRegistry());

        var turn = new AtomicInteger();

        Race.of(RACERS, () -> (turn.getAndIncrement() % 2 == 0 ? first : second).attempt(id));

        await().atMost(WAIT).until(() -> outbox.find(id).orElseThrow().status() == WebhookDelivery.Status.DELIVERED);
        assertThat(outbox.find(id).orElseThrow().attempts()).isEqualTo(1);
        assertThat(receiver.received()).extracting(CallbackReceiver.Received::deliveryId).containsExactly(id);
    }

    @Test
    void aStatusChangeThatRollsBackSendsNothing() {
        receiver = CallbackReceiver.accepting();
        var api = new ApiClient("http://localhost:" + port);
        var body = ApiClient.freshExample("angry-customer").put("callbackUrl", receiver.url());
        body.putObject("signals").put("anger", 0.9);
        String id = api.submit(body).json().get("id").asText();
        await().atMost(WAIT).until(() -> receiver.of(id).size() == 1);

        transaction.executeWithoutResult(tx -> {
            proposals.update(id, ProposalChange.status(ProposalStatus.REJECTED));
            assertThat(outbox.ofProposal(id)).as("recorded in the same transaction").hasSize(2);
            tx.setRollbackOnly();
        });

        assertThat(outbox.ofProposal(id)).hasSize(1);
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> receiver.of(id).size() == 1);
    }
}
