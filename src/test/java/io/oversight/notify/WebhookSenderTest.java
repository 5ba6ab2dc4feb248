package io.oversight.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One attempt over real HTTP on 127.0.0.1: what is signed, where it may go, and what is never followed. */
class WebhookSenderTest {

    private static final String SECRET = "sender-test-secret";
    private static final Instant T0 = Instant.parse("2026-11-25T10:00:00Z");

    private final AtomicReference<Instant> now = new AtomicReference<>(T0);
    private final Clock clock = new Clock() {
        @Override
        public Instant instant() {
            return now.get();
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    };
    private final ScriptedResolver dns = new ScriptedResolver();
    private final List<CallbackReceiver> receivers = new java.util.ArrayList<>();
    private final WebhookSender sender = sender(List.of("127.0.0.1"));

    @AfterEach
    void stop() {
        receivers.forEach(CallbackReceiver::close);
        sender.destroy();
    }

    @Test
    void eachAttemptIsSignedWithItsOwnSendTime() {
        CallbackReceiver receiver = receiver(new CallbackReceiver(attempt -> attempt == 1 ? 503 : 204));
        WebhookDelivery delivery = delivery(receiver.url());

        assertThat(sender.send(delivery).delivered()).isFalse();
        now.set(T0.plusSeconds(90));
        assertThat(sender.send(delivery).delivered()).isTrue();

        var first = receiver.received().get(0);
        var retry = receiver.received().get(1);
        assertThat(first.timestamp()).isEqualTo(Long.toString(T0.getEpochSecond()));
        assertThat(retry.timestamp()).isEqualTo(Long.toString(T0.plusSeconds(90).getEpochSecond()));
        assertThat(first.signedWith(SECRET, T0)).isTrue();
        assertThat(retry.signedWith(SECRET, T0.plusSeconds(90))).isTrue();
        assertThat(retry.signature()).isNotEqualTo(first.signature());
        assertThat(first.body()).isEqualTo(retry.body()).isEqualTo(delivery.body());
        assertThat(first.deliveryId()).isEqualTo(retry.deliveryId()).isEqualTo(delivery.id());
    }

    @Test
    void aCapturedDeliveryCannotBeReplayedLater() {
        CallbackReceiver receiver = receiver(CallbackReceiver.accepting());
        sender.send(delivery(receiver.url()));
        var captured = receiver.received().get(0);

        assertThat(captured.signedWith(SECRET, T0.plus(Duration.ofMinutes(4)))).as("within five minutes").isTrue();
        assertThat(captured.signedWith(SECRET, T0.plus(Duration.ofMinutes(6)))).as("replayed later").isFalse();
        var retimed = new CallbackReceiver.Received(captured.deliveryId(), captured.event(),
                Long.toString(T0.plus(Duration.ofMinutes(6)).getEpochSecond()), captured.signature(),
                captured.contentType(), captured.body());
        assertThat(retimed.signedWith(SECRET, T0.plus(Duration.ofMinutes(6)))).as("with a fresh timestamp").isFalse();
        var tampered = new CallbackReceiver.Received(captured.deliveryId(), captured.event(), captured.timestamp(),
                captured.signature(), captured.contentType(), captured.body().replace("APPROVED", "REJECTED"));
        assertThat(tampered.signedWith(SECRET, T0)).isFalse();
        assertThat(captured.signedWith("another-secret", T0)).isFalse();
    }

    @Test
    void aHostThatNowResolvesToLoopbackIsNotCalled() {
        CallbackReceiver receiver = receiver(CallbackReceiver.accepting());
        String url = "http://agent.example.com:" + port(receiver) + "/hooks/oversight";
        dns.answer("agent.example.com", "93.184.216.34", "127.0.0.1");
        CallbackAddressPolicy policy = policy(List.of("127.0.0.1"));
        assertThat(policy.refusal(url)).as("accepted at submission").isEmpty();

        WebhookSender.Result result = sender.send(delivery(url));

        assertThat(result.delivered()).isFalse();
        assertThat(result.refused()).isTrue();
        assertThat(result.error()).isEqualTo(
                "refused: callbackUrl must not name a host that resolves to a loopback address (127.0.0.1)");
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void anAllowListedHostIsCalledAtItsAddress() {
        CallbackReceiver receiver = receiver(CallbackReceiver.accepting());
        dns.answer("agent.corp.example", "127.0.0.1");
        WebhookSender allowing = sender(List.of("*.corp.example"));
        try {
            var result = allowing.send(delivery("http://agent.corp.example:" + port(receiver) + "/hooks/oversight"));

            assertThat(result.delivered()).as(String.valueOf(result.error())).isTrue();
            assertThat(receiver.received()).hasSize(1);
        } finally {
            allowing.destroy();
        }
    }

    @Test
    void storedUrlsThatAreNoLongerAllowedAreRefusedWithoutConnecting() {
        CallbackReceiver receiver = receiver(CallbackReceiver.accepting());
        String port = port(receiver);

        for (String url : List.of("http://user:pw@127.0.0.1:" + port + "/hooks/oversight",
                "http://localhost:" + port + "/hooks/oversight", "http://[::1]:" + port + "/hooks/oversight",
                "http://2130706433:" + port + "/hooks/oversight", "ftp://127.0.0.1:" + port + "/")) {
            WebhookSender.Result result = sender.send(delivery(url));
            assertThat(result.refused()).as(url).isTrue();
            assertThat(result.error()).as(url).startsWith("refused: callbackUrl must ");
        }
        assertThat(receiver.received()).isEmpty();
    }

    @Test
    void redirectsAreNotFollowed() {
        CallbackReceiver elsewhere = receiver(CallbackReceiver.accepting());
        CallbackReceiver redirecting = receiver(CallbackReceiver.redirectingTo(elsewhere.url()));

        WebhookSender.Result result = sender.send(delivery(redirecting.url()));

        assertThat(result.delivered()).isFalse();
        assertThat(result.refused()).isFalse();
        assertThat(result.error()).isEqualTo("HTTP 307");
        assertThat(redirecting.received()).hasSize(1);
        assertThat(elsewhere.received()).isEmpty();
    }

    @Test
    void anAnswerThatTricklesInIsCutOffAtTheDeadline() throws Exception {
        var quick = new WebhookProperties(true, SECRET, 8, Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofSeconds(1), Duration.ofMillis(300), Duration.ofMillis(500), List.of("127.0.0.1"));
        WebhookSender impatient = new WebhookSender(quick, new CallbackAddressPolicy(quick, dns), clock);
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            Thread trickler = new Thread(() -> trickle(server));
            trickler.setDaemon(true);
            trickler.start();
            long started = System.nanoTime();

            WebhookSender.Result result = impatient.send(delivery("http://127.0.0.1:" + server.getLocalPort() + "/"));

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            assertThat(result.delivered()).isFalse();
            assertThat(result.error()).startsWith("no answer within");
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(800)).isLessThan(Duration.ofSeconds(5));
        } finally {
            impatient.destroy();
        }
    }

    /** Answers one byte of a header every 100 ms, never reaching the end of the headers. */
    private static void trickle(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.getInputStream().read(new byte[8192]);
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 200 OK\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            for (int i = 0; i < 300; i++) {
                out.write('a');
                out.flush();
                Thread.sleep(100);
            }
        } catch (IOException | InterruptedException e) {
            // the sender hung up, as it should
        }
    }

    private CallbackReceiver receiver(CallbackReceiver receiver) {
        receivers.add(receiver);
        return receiver;
    }

    private static String port(CallbackReceiver receiver) {
        return receiver.url().replaceAll("^http://127\\.0\\.0\\.1:(\\d+)/.*$", "$1");
    }

    private static WebhookDelivery delivery(String url) {
        return new WebhookDelivery(UUID.randomUUID().toString(), UUID.randomUUID().toString(), url,
                "{\"status\":\"APPROVED\",\"customerMessage\":\"Grüße\"}", 0, T0, WebhookDelivery.Status.PENDING,
                null, null, T0, null);
    }

    private CallbackAddressPolicy policy(List<String> allowedHosts) {
        return new CallbackAddressPolicy(properties(allowedHosts), dns);
    }

    private WebhookSender sender(List<String> allowedHosts) {
        return new WebhookSender(properties(allowedHosts), policy(allowedHosts), clock);
    }

    private static WebhookProperties properties(List<String> allowedHosts) {
        return new WebhookProperties(true, SECRET, 8, Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), allowedHosts);
    }
}
