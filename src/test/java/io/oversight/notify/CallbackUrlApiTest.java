package io.oversight.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.oversight.support.ApiClient;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The callbackUrl rules through the agent API, with a scripted DNS (nothing here resolves or
 * connects beyond this machine): refused URLs are a 400 naming callbackUrl, allow-listed hosts are
 * called back, and a host that resolves elsewhere by delivery time is not called at all.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
        "spring.datasource.url=jdbc:h2:mem:oversight-callback-urls;DB_CLOSE_DELAY=-1",
        "oversight.demo.seed-proposals=false",
        "oversight.action-worker.enabled=false",
        "camunda.bpm.job-execution.enabled=false",
        "oversight.webhooks.signing-secret=" + WebhookTest.SECRET,
        "oversight.webhooks.initial-backoff=20ms",
        "oversight.webhooks.max-backoff=100ms",
        "oversight.webhooks.sweep-interval=50ms",
        "oversight.webhooks.allowed-hosts=127.0.0.1"})
class CallbackUrlApiTest {

    private static final Duration WAIT = Duration.ofSeconds(15);

    @TestConfiguration
    static class ScriptedDns {

        @Bean
        @Primary
        ScriptedResolver scriptedResolver() {
            return new ScriptedResolver()
                    .answer("internal.example.com", "10.0.0.8")
                    .answer("split.example.com", "93.184.216.34, 169.254.169.254");
        }
    }

    @LocalServerPort int port;
    @Autowired ScriptedResolver dns;
    @Autowired WebhookOutbox outbox;
    @Autowired JdbcClient jdbc;
    ApiClient api;
    CallbackReceiver receiver;

    @BeforeEach
    void start() {
        api = new ApiClient("http://localhost:" + port);
        receiver = CallbackReceiver.accepting();
    }

    @AfterEach
    void stop() {
        receiver.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.2:8080/hooks                  | must not point at a loopback address (127.0.0.2)",
            "http://localhost:8080/hooks                  | must not name the local host",
            "http://[::1]:8080/hooks                      | loopback address",
            "http://[::ffff:127.0.0.2]/hooks              | loopback address",
            "http://2130706434/hooks                      | loopback address (127.0.0.2, written as 2130706434)",
            "http://0177.0.0.2/hooks                      | loopback address (127.0.0.2, written as 0177.0.0.2)",
            "http://0x7f000002/hooks                      | loopback address",
            "http://169.254.169.254/latest/meta-data/     | cloud-metadata address",
            "http://metadata.google.internal/computeMetadata/v1/ | cloud-metadata host",
            "http://[fd00:ec2::254]/                      | cloud-metadata address",
            "http://[fe80::1]/                            | link-local address",
            "http://10.0.0.1/hooks                        | private address",
            "http://192.168.0.10/hooks                    | private address",
            "http://100.64.0.1/hooks                      | shared (CGNAT) address",
            "http://0.0.0.0:8080/                         | unspecified address",
            "http://224.0.0.251/                          | multicast address",
            "http://internal.example.com/hooks            | resolves to a private address",
            "http://split.example.com/hooks               | resolves to a cloud-metadata address",
            "http://user:secret@127.0.0.1/hooks           | must not contain user information",
            "file:///etc/passwd                           | must be an absolute http or https URL",
            "gopher://127.0.0.1:6379/_INFO                | must be an absolute http or https URL"})
    void aForbiddenCallbackUrlIs400NamingItAndStoresNothing(String url, String reason) {
        long before = count("ovs_proposal");
        long deliveries = count("ovs_webhook_delivery");
        ObjectNode body = ApiClient.freshExample("routine-reply").put("callbackUrl", url);

        var response = api.submit(body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.contentType()).startsWith("application/problem+json");
        JsonNode errors = response.json().get("errors");
        assertThat(errors).hasSize(1);
        assertThat(errors.get(0).get("field").asText()).isEqualTo("callbackUrl");
        assertThat(errors.get(0).get("message").asText()).contains(reason);
        assertThat(count("ovs_proposal")).isEqualTo(before);
        assertThat(count("ovs_webhook_delivery")).isEqualTo(deliveries);
        assertThat(api.submit(body.put("callbackUrl", receiver.url())).status())
                .as("the same idempotency key is still free").isEqualTo(201);
    }

    @Test
    void anAllowListedHostIsAcceptedAndCalledBackSigned() {
        String id = submit(receiver.url());

        await().atMost(WAIT).until(() -> receiver.of(id).size() == 1);
        var call = receiver.of(id).get(0);
        assertThat(call.status()).isEqualTo("APPROVED");
        assertThat(call.signedWith(WebhookTest.SECRET)).as("signature over timestamp and body, and fresh").isTrue();
        assertThat(Long.parseLong(call.timestamp())).isCloseTo(java.time.Instant.now().getEpochSecond(),
                org.assertj.core.data.Offset.offset(60L));
    }

    @Test
    void aHostThatResolvesToLoopbackByDeliveryTimeIsNotCalled() {
        String port = receiver.url().replaceAll("^http://127\\.0\\.0\\.1:(\\d+)/.*$", "$1");
        // Public when the proposal is submitted, then the receiver's loopback address: DNS rebinding.
        dns.answer("rebind.example.com", "93.184.216.34", "127.0.0.1");

        String id = submit("http://rebind.example.com:" + port + "/hooks/oversight");

        await().atMost(WAIT).until(() -> outbox.ofProposal(id).stream()
                .allMatch(d -> d.status() == WebhookDelivery.Status.DEAD));
        WebhookDelivery delivery = outbox.ofProposal(id).get(0);
        assertThat(delivery.attempts()).as("refused at once, not retried").isEqualTo(1);
        assertThat(delivery.lastError()).isEqualTo(
                "refused: callbackUrl must not name a host that resolves to a loopback address (127.0.0.1)");
        await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> receiver.received().isEmpty());
        assertThat(dns.lookups()).filteredOn("rebind.example.com"::equals).as("submission and delivery").hasSize(2);
    }

    private String submit(String callbackUrl) {
        var response = api.submit(ApiClient.freshExample("routine-reply").put("callbackUrl", callbackUrl));
        assertThat(response.status()).as(response.body()).isEqualTo(201);
        return response.json().get("id").asText();
    }

    private long count(String table) {
        return jdbc.sql("select count(*) from " + table).query(Long.class).single();
    }
}
