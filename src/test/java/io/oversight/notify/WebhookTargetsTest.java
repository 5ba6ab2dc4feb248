package io.oversight.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.oversight.security.CallbackTargets;
import io.oversight.support.ApiClient;
import io.oversight.support.OversightTest;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * Webhook targets and signatures (issue 9, item 10): a callbackUrl at this machine, the internal
 * network or a metadata service is a 400 unless allow-listed (the demo profile allows localhost);
 * the target is judged again at delivery; each delivery is signed with its timestamp.
 */
@OversightTest
class WebhookTargetsTest {

    private static final CallbackTargets NOTHING_ALLOWED = new CallbackTargets(List.of());

    @LocalServerPort int port;
    ApiClient api;

    @BeforeEach
    void client() {
        api = new ApiClient("http://localhost:" + port);
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:8080/hook", "http://localhost/hook", "http://LOCALHOST./hook", "http://app.localhost/x",
            "http://[::1]/hook", "http://[::ffff:127.0.0.1]/hook", "http://0.0.0.0/", "http://169.254.169.254/latest/meta-data/",
            "http://metadata.google.internal/computeMetadata/v1/", "http://[fd00:ec2::254]/", "http://10.1.2.3/",
            "http://172.16.0.1/", "http://192.168.1.10/", "http://100.64.0.1/", "http://[fe80::1]/"})
    void internalTargetsAreRefused(String url) {
        assertThat(NOTHING_ALLOWED.refusalAtSubmission(url)).as(url).isNotNull();
        assertThat(NOTHING_ALLOWED.refusalAtDelivery(url)).as(url).isNotNull();
    }

    @Test
    void publicAndAllowListedTargetsPass() {
        assertThat(NOTHING_ALLOWED.refusalAtSubmission("https://93.184.216.34/hooks")).isNull();
        assertThat(new CallbackTargets(List.of("127.0.0.1")).refusalAtDelivery("http://127.0.0.1:9000/hooks")).isNull();
        assertThat(new CallbackTargets(List.of("127.0.0.1")).refusalAtDelivery("http://localhost:9000/hooks"))
                .as("allow-listing an address does not allow every name for it").isNotNull();
    }

    @Test
    void theApiRefusesAnInternalCallbackNamingTheField() {
        for (String url : List.of("http://169.254.169.254/latest/meta-data/", "http://10.0.0.7/hooks", "http://[::1]:8080/hooks")) {
            var response = api.submit(ApiClient.freshExample("routine-reply").put("callbackUrl", url));
            assertThat(response.status()).as(url + ": " + response.body()).isEqualTo(400);
            assertThat(response.json().get("errors").get(0).get("field").asText()).isEqualTo("callbackUrl");
        }
        assertThat(api.submit(ApiClient.freshExample("routine-reply").put("callbackUrl", "http://127.0.0.1:9/hooks")).status())
                .as("the demo profile allow-lists this machine").isEqualTo(201);
    }

    @Test
    void theTargetIsJudgedAgainAtDeliveryAndSignedWithItsTimestamp() throws Exception {
        WebhookProperties properties = new WebhookProperties(true, WebhookTest.SECRET, 8, Duration.ofSeconds(1),
                Duration.ofMinutes(5), Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5));
        try (CallbackReceiver receiver = CallbackReceiver.accepting()) {
            WebhookDelivery delivery = new WebhookDelivery("d-1", "p-1", receiver.url(), "{\"status\":\"APPROVED\"}", 0,
                    Instant.now(), WebhookDelivery.Status.PENDING, null, null, Instant.now(), null);

            var refused = new WebhookSender(properties, NOTHING_ALLOWED).send(delivery);
            assertThat(refused.delivered()).isFalse();
            assertThat(refused.error()).contains("internal address");
            assertThat(receiver.received()).as("nothing reached the internal address").isEmpty();

            var sent = new WebhookSender(properties, new CallbackTargets(List.of("127.0.0.1"))).send(delivery);
            assertThat(sent.delivered()).as(String.valueOf(sent.error())).isTrue();
            var call = receiver.received().get(0);
            assertThat(Long.parseLong(call.timestamp())).isCloseTo(Instant.now().getEpochSecond(), org.assertj.core.data.Offset.offset(5L));
            assertThat(call.signedWith(WebhookTest.SECRET)).as("HMAC of <timestamp>.<body>").isTrue();
            var replayed = new CallbackReceiver.Received(call.deliveryId(), call.event(), call.signature(), call.contentType(),
                    call.body(), Long.toString(Long.parseLong(call.timestamp()) - 301));
            assertThat(replayed.signedWith(WebhookTest.SECRET)).as("a receiver refuses a delivery older than five minutes").isFalse();
            var retimed = new CallbackReceiver.Received(call.deliveryId(), call.event(), call.signature(), call.contentType(),
                    call.body(), Long.toString(Long.parseLong(call.timestamp()) + 1));
            assertThat(retimed.signedWith(WebhookTest.SECRET)).as("the timestamp cannot be changed").isFalse();
        }
    }
}
