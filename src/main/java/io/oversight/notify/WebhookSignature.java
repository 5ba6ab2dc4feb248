package io.oversight.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The {@code X-Oversight-Signature} value (CONTRACT §3): {@code sha256=} and the hex HMAC-SHA256 of
 * {@code "<timestamp>.<body>"}, where the timestamp is the {@code X-Oversight-Timestamp} header (unix
 * seconds). Binding the time into the signature lets a receiver refuse a captured delivery replayed
 * later: receivers reject timestamps more than five minutes old.
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
            mac.update((timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return "sha256=" + HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
