package io.oversight.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The outbox's SQL on a real database, as several nodes would use it: one claim wins, a lapsed
 * claim is taken over, a stale node cannot record a result, a proposal's deliveries go in order.
 * Run on H2 and on PostgreSQL by the subclasses.
 */
abstract class WebhookOutboxContract {

    private static final int RACERS = 8;
    private static final String URL = "http://127.0.0.1:9/unused";

    private final Instant now = Instant.parse("2026-11-25T10:00:00Z");
    WebhookOutbox outbox;

    /** A migrated database of its own. */
    abstract DataSource database();

    @BeforeEach
    void outbox() {
        outbox = new WebhookOutbox(JdbcClient.create(database()));
    }

    @Test
    void concurrentClaimsOfOneDeliveryHaveExactlyOneWinner() throws Exception {
        String id = outbox.add(proposal(), URL, "{}", now);

        List<Optional<WebhookOutbox.Claim>> claims = Race.of(RACERS, () -> outbox.claim(id, now, now.plusSeconds(30)));

        assertThat(claims).filteredOn(Optional::isPresent).hasSize(1);
    }

    @Test
    void aClaimIsTakenOverOnlyAfterItLapses() {
        String id = outbox.add(proposal(), URL, "{}", now);
        assertThat(outbox.claim(id, now, now.plusSeconds(30))).isPresent();

        assertThat(outbox.claim(id, now.plusSeconds(29), now.plusSeconds(60))).isEmpty();
        assertThat(outbox.claim(id, now.plusSeconds(31), now.plusSeconds(60))).isPresent();
    }

    @Test
    void aNodeWhoseClaimWasTakenOverCannotRecordItsResult() {
        String id = outbox.add(proposal(), URL, "{}", now);
        var stale = outbox.claim(id, now, now.plusSeconds(30)).orElseThrow();
        var current = outbox.claim(id, now.plusSeconds(31), now.plusSeconds(60)).orElseThrow();

        assertThat(outbox.dead(stale, 8, "too late")).isFalse();
        assertThat(outbox.delivered(current, 2, now.plusSeconds(32))).isTrue();
        assertThat(outbox.find(id).orElseThrow().status()).isEqualTo(WebhookDelivery.Status.DELIVERED);
    }

    @Test
    void aFailedAttemptWaitsForItsNextAttemptTime() {
        String id = outbox.add(proposal(), URL, "{}", now);
        var claim = outbox.claim(id, now, now.plusSeconds(30)).orElseThrow();
        outbox.retryAt(claim, 1, now.plusSeconds(2), "HTTP 503");

        assertThat(outbox.due(now.plusSeconds(1), 100)).doesNotContain(id);
        assertThat(outbox.claim(id, now.plusSeconds(1), now.plusSeconds(30))).isEmpty();
        assertThat(outbox.due(now.plusSeconds(2), 100)).contains(id);
        var retried = outbox.find(id).orElseThrow();
        assertThat(retried.attempts()).isEqualTo(1);
        assertThat(retried.lastError()).isEqualTo("HTTP 503");
        assertThat(retried.claimedUntil()).isNull();
    }

    @Test
    void aLaterDeliveryOfAProposalWaitsForTheEarlierOne() {
        String proposal = proposal();
        String earlier = outbox.add(proposal, URL, "{\"status\":\"PENDING_REVIEW\"}", now);
        String later = outbox.add(proposal, URL, "{\"status\":\"APPROVED\"}", now);

        assertThat(outbox.due(now, 100)).contains(earlier).doesNotContain(later);
        assertThat(outbox.claim(later, now, now.plusSeconds(30))).isEmpty();
        var claim = outbox.claim(earlier, now, now.plusSeconds(30)).orElseThrow();
        assertThat(outbox.nextPending(proposal)).hasValue(earlier);
        assertThat(outbox.delivered(claim, 1, now)).isTrue();

        assertThat(outbox.nextPending(proposal)).hasValue(later);
        assertThat(outbox.due(now, 100)).contains(later);
        assertThat(outbox.claim(later, now, now.plusSeconds(30))).isPresent();
    }

    @Test
    void aDeadDeliveryNoLongerHoldsUpTheNextOne() {
        String proposal = proposal();
        String earlier = outbox.add(proposal, URL, "{}", now);
        String later = outbox.add(proposal, URL, "{}", now);
        var claim = outbox.claim(earlier, now, now.plusSeconds(30)).orElseThrow();

        outbox.dead(claim, 8, "x".repeat(5000));

        var dead = outbox.find(earlier).orElseThrow();
        assertThat(dead.status()).isEqualTo(WebhookDelivery.Status.DEAD);
        assertThat(dead.lastError()).hasSize(1000);
        assertThat(outbox.claim(later, now, now.plus(Duration.ofSeconds(30)))).isPresent();
    }

    private static String proposal() {
        return UUID.randomUUID().toString();
    }
}
