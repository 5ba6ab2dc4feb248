package io.oversight.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The signature of one attempt (CONTRACT §3): {@code X-Oversight-Timestamp} is the attempt's send
 * time in Unix seconds, and {@code X-Oversight-Signature} is {@code sha256=} and the hex
 * HMAC-SHA256 of {@code "<timestamp>.<body>"}, so a captured delivery cannot be replayed later.
 */
final class WebhookSignature {

    static final String HEADER = "X-Oversight-Signature";
    static final String TIMESTAMP_HEADER = "X-Oversight-Timestamp";
    private static final String ALGORITHM = "HmacSHA256";

    private WebhookSignature() {}

    static String of(String secret, long timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM));
            mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
