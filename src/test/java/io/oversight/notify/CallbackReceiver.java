package io.oversight.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntUnaryOperator;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The agent's end of the webhooks: a real HTTP server on 127.0.0.1 that records every request. */
final class CallbackReceiver implements AutoCloseable {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    /** One request as it arrived; {@code body} is the exact bytes, as UTF-8. */
    record Received(String deliveryId, String event, String signature, String contentType, String body, String timestamp) {

        JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String status() {
            return json().path("status").asText();
        }

        /**
         * Verifies the signature as an agent would, independently of the product's code (CONTRACT §3):
         * HMAC-SHA256 of "<X-Oversight-Timestamp>.<body>", and the timestamp at most five minutes old.
         */
        boolean signedWith(String secret) {
            if (timestamp == null || Math.abs(java.time.Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > 300) {
                return false;
            }
            try {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
                String expected = "sha256=" + HexFormat.of().formatHex(
                        mac.doFinal((timestamp + "." + body).getBytes(StandardCharsets.UTF_8)));
                return MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                        String.valueOf(signature).getBytes(StandardCharsets.UTF_8));
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> attemptsPerDelivery = new ConcurrentHashMap<>();
    private final IntUnaryOperator statusForAttempt;
    private final CountDownLatch release = new CountDownLatch(1);
    private volatile long holdMillis;

    /** Answers each request with {@code statusForAttempt(n)}, n = 1 for a delivery's first attempt. */
    CallbackReceiver(IntUnaryOperator statusForAttempt) {
        this.statusForAttempt = statusForAttempt;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/hooks/oversight", this::handle);
        server.setExecutor(threads);
        server.start();
    }

    static CallbackReceiver accepting() {
        return new CallbackReceiver(attempt -> 204);
    }

    /** Holds every request this long (or until closed) before answering. */
    CallbackReceiver holding(long millis) {
        this.holdMillis = millis;
        return this;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/oversight";
    }

    List<Received> received() {
        return List.copyOf(received);
    }

    List<Received> of(String proposalId) {
        return received.stream().filter(r -> r.json().path("id").asText().equals(proposalId)).toList();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var headers = exchange.getRequestHeaders();
            String deliveryId = headers.getFirst("X-Oversight-Delivery");
            received.add(new Received(deliveryId, headers.getFirst("X-Oversight-Event"),
                    headers.getFirst("X-Oversight-Signature"), headers.getFirst("Content-Type"), body,
                    headers.getFirst("X-Oversight-Timestamp")));
            int attempt = attemptsPerDelivery.computeIfAbsent(String.valueOf(deliveryId), id -> new AtomicInteger())
                    .incrementAndGet();
            if (holdMillis > 0) {
                release.await(holdMillis, TimeUnit.MILLISECONDS);
            }
            exchange.sendResponseHeaders(statusForAttempt.applyAsInt(attempt), -1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        release.countDown();
        server.stop(0);
        threads.shutdownNow();
    }
}
