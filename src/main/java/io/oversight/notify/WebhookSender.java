package io.oversight.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import io.oversight.security.CallbackTargets;
import org.springframework.stereotype.Component;

/** POSTs one signed delivery to its callbackUrl and says whether the agent took it (any 2xx). */
@Component
class WebhookSender {

    static final String EVENT = "proposal.status_changed";

    private final WebhookProperties properties;
    private final CallbackTargets targets;
    private final HttpClient http;

    WebhookSender(WebhookProperties properties, CallbackTargets targets) {
        this.properties = properties;
        this.targets = targets;
        // HTTP/1.1 without redirects: an agent's endpoint answers itself, and a signed body is never re-posted elsewhere.
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(properties.connectTimeout())
                .build();
    }

    /** The result of one attempt; {@code error} says why it failed. */
    record Result(boolean delivered, String error) {

        static Result ok() {
            return new Result(true, null);
        }

        static Result failed(String error) {
            return new Result(false, error);
        }
    }

    Result send(WebhookDelivery delivery) {
        String refusal = targets.refusalAtDelivery(delivery.url());
        if (refusal != null) {
            return Result.failed("callbackUrl " + refusal); // checked again now: the name may resolve elsewhere than at submission
        }
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        long timestamp = java.time.Instant.now().getEpochSecond();
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(properties.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                    .header(WebhookSignature.HEADER, WebhookSignature.of(properties.signingSecret(), timestamp, body))
                    .header("X-Oversight-Delivery", delivery.id())
                    .header("X-Oversight-Event", EVENT)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                    .build();
        } catch (IllegalArgumentException badUrl) {
            return Result.failed("invalid callbackUrl: " + badUrl.getMessage());
        }
        try {
            int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            return status >= 200 && status < 300 ? Result.ok() : Result.failed("HTTP " + status);
        } catch (IOException e) {
            return Result.failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.failed("interrupted");
        }
    }
}
