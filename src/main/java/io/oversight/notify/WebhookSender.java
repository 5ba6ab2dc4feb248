package io.oversight.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.springframework.stereotype.Component;

/** POSTs one signed delivery to its callbackUrl and says whether the agent took it (any 2xx). */
@Component
class WebhookSender {

    static final String EVENT = "proposal.status_changed";

    private final WebhookProperties properties;
    private final HttpClient http;

    WebhookSender(WebhookProperties properties) {
        this.properties = properties;
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
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(URI.create(delivery.url()))
                    .timeout(properties.requestTimeout())
                    .header("Content-Type", "application/json")
                    .header(WebhookSignature.HEADER, WebhookSignature.of(properties.signingSecret(), body))
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
