package io.oversight.notify;

import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentType;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.io.CloseMode;
import org.apache.hc.core5.util.Timeout;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * POSTs one signed delivery to its callbackUrl and says whether the agent took it (any 2xx). The
 * HTTP client resolves hosts only through {@link CallbackAddressPolicy}, which checks every address
 * it hands over, and opens a new connection per attempt; so each attempt connects only to addresses
 * checked for it. No redirects, no proxies from the environment, no automatic retries.
 */
@Component
class WebhookSender implements DisposableBean {

    static final String EVENT = "proposal.status_changed";
    static final String DELIVERY_HEADER = "X-Oversight-Delivery";
    private static final ContentType JSON = ContentType.create("application/json");

    private final WebhookProperties properties;
    private final CallbackAddressPolicy policy;
    private final Clock clock;
    private final CloseableHttpClient http;
    /** Cancels an attempt that is still running when its time is up (a slowly trickling answer). */
    private final ScheduledExecutorService deadlines = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "oversight-webhook-deadline");
        thread.setDaemon(true);
        return thread;
    });

    @Autowired
    WebhookSender(WebhookProperties properties, CallbackAddressPolicy policy) {
        this(properties, policy, Clock.systemUTC());
    }

    WebhookSender(WebhookProperties properties, CallbackAddressPolicy policy, Clock clock) {
        this.properties = properties;
        this.policy = policy;
        this.clock = clock;
        var connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(new CheckingResolver(policy))
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                        .setSocketTimeout(Timeout.of(properties.requestTimeout()))
                        .build())
                .build();
        this.http = HttpClients.custom()
                .setConnectionManager(connections)
                .setConnectionReuseStrategy((request, response, context) -> false)
                // An agent's endpoint answers itself: a signed body is never re-posted elsewhere.
                .disableRedirectHandling()
                .disableAutomaticRetries()
                .disableCookieManagement()
                .disableAuthCaching()
                .disableContentCompression()
                .setUserAgent("Oversight-Webhooks")
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setResponseTimeout(Timeout.of(properties.requestTimeout()))
                        .build())
                .build();
    }

    /** The result of one attempt; {@code error} says why it failed, {@code refused} that the address may not be called. */
    record Result(boolean delivered, boolean refused, String error) {

        static Result ok() {
            return new Result(true, false, null);
        }

        static Result failed(String error) {
            return new Result(false, false, error);
        }

        static Result refused(String error) {
            return new Result(false, true, "refused: callbackUrl " + error);
        }
    }

    Result send(WebhookDelivery delivery) {
        Optional<String> problem = policy.urlProblem(delivery.url());
        if (problem.isPresent()) {
            return Result.refused(problem.get());
        }
        HttpPost post = signed(delivery);
        ScheduledFuture<?> deadline = deadlines.schedule(post::cancel,
                properties.connectTimeout().plus(properties.requestTimeout()).toMillis(), TimeUnit.MILLISECONDS);
        try (ClassicHttpResponse response = http.executeOpen(null, post, null)) {
            int status = response.getCode();
            return status >= 200 && status < 300 ? Result.ok() : Result.failed("HTTP " + status);
        } catch (IOException e) {
            Optional<RefusedAddressException> refused = refusal(e);
            if (refused.isPresent()) {
                return Result.refused(refused.get().forOperator());
            }
            if (post.isCancelled()) {
                return Result.failed("no answer within " + properties.connectTimeout().plus(properties.requestTimeout()));
            }
            return Result.failed(e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } finally {
            deadline.cancel(false);
        }
    }

    /** Signed at the moment of this attempt, so a retry carries its own timestamp. */
    private HttpPost signed(WebhookDelivery delivery) {
        byte[] body = delivery.body().getBytes(StandardCharsets.UTF_8);
        long timestamp = clock.instant().getEpochSecond();
        HttpPost post = new HttpPost(URI.create(delivery.url()));
        post.setHeader(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp));
        post.setHeader(WebhookSignature.HEADER, WebhookSignature.of(properties.signingSecret(), timestamp, body));
        post.setHeader(DELIVERY_HEADER, delivery.id());
        post.setHeader("X-Oversight-Event", EVENT);
        post.setEntity(new ByteArrayEntity(body, JSON));
        return post;
    }

    private static Optional<RefusedAddressException> refusal(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof RefusedAddressException refused) {
                return Optional.of(refused);
            }
        }
        return Optional.empty();
    }

    @Override
    public void destroy() {
        deadlines.shutdownNow();
        http.close(CloseMode.IMMEDIATE);
    }

    /** The HTTP client's only way to a host's addresses: the policy's checked ones. */
    private record CheckingResolver(CallbackAddressPolicy policy) implements DnsResolver {

        @Override
        public InetAddress[] resolve(String host) throws UnknownHostException {
            return policy.checkedAddresses(host);
        }

        @Override
        public String resolveCanonicalHostname(String host) {
            return host;
        }
    }
}
