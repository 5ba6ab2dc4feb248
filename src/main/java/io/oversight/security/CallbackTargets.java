package io.oversight.security;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Where webhooks may go: an agent's {@code callbackUrl} may not point at this machine, the internal
 * network or a cloud metadata service (loopback, link-local, private, unique-local, carrier-grade
 * NAT, unspecified and multicast addresses, and names such as {@code localhost} or
 * {@code metadata.google.internal}) unless the operator allow-lists the host
 * ({@code oversight.webhooks.allowed-hosts}; the demo profile allows localhost). Checked when the
 * proposal is submitted and again before every delivery, against what the name resolves to then
 * (DNS rebinding).
 */
@Component
public class CallbackTargets {

    private static final Set<String> INTERNAL_NAMES = Set.of("localhost", "metadata", "metadata.google.internal",
            "instance-data", "instance-data.ec2.internal");

    private final Set<String> allowedHosts;

    @Autowired
    CallbackTargets(Environment environment) {
        this(Binder.get(environment).bind("oversight.webhooks.allowed-hosts", Bindable.listOf(String.class)).orElse(List.of()));
    }

    public CallbackTargets(List<String> allowedHosts) {
        this.allowedHosts = allowedHosts.stream().filter(h -> !h.isBlank()).map(h -> h.trim().toLowerCase(Locale.ROOT))
                .collect(Collectors.toUnmodifiableSet());
    }

    /** Why a callbackUrl is refused at submission, or null; a name that does not resolve now is left to delivery. */
    public String refusalAtSubmission(String url) {
        return refusal(url, false);
    }

    /** Why a delivery may not go to this URL now, or null; a name that does not resolve is refused. */
    public String refusalAtDelivery(String url) {
        return refusal(url, true);
    }

    private String refusal(String url, boolean mustResolve) {
        String host;
        try {
            host = new URI(url).getHost();
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
        if (host == null) {
            return "has no host";
        }
        host = host.toLowerCase(Locale.ROOT);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        if (host.endsWith(".")) {
            host = host.substring(0, host.length() - 1);
        }
        if (allowedHosts.contains(host)) {
            return null;
        }
        if (INTERNAL_NAMES.contains(host) || host.endsWith(".localhost") || host.endsWith(".internal")
                || host.endsWith(".local")) {
            return "points at an internal host (" + host + "); ask the operator to allow-list it";
        }
        InetAddress[] addresses;
        try {
            addresses = InetAddress.getAllByName(host);
        } catch (UnknownHostException e) {
            return mustResolve ? "host " + host + " does not resolve" : null;
        }
        for (InetAddress address : addresses) {
            if (isInternal(address)) {
                return "points at an internal address (" + address.getHostAddress()
                        + ": loopback, link-local, private or metadata); ask the operator to allow-list the host";
            }
        }
        return null;
    }

    static boolean isInternal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            return first == 0 // "this network"
                    || (first == 100 && second >= 64 && second < 128) // carrier-grade NAT
                    || (first == 192 && second == 0 && (b[2] & 0xff) == 0) // IETF protocol assignments
                    || (first == 198 && (second == 18 || second == 19)) // benchmarking
                    || first >= 240; // reserved and broadcast
        }
        if (address instanceof Inet6Address) {
            int first = b[0] & 0xff;
            boolean uniqueLocal = (first & 0xfe) == 0xfc; // fc00::/7, includes fd00:ec2::254
            boolean mappedOrCompatible = isZero(b, 0, 10) && (((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff) || isZero(b, 10, 12));
            if (mappedOrCompatible) {
                try {
                    return isInternal(InetAddress.getByAddress(java.util.Arrays.copyOfRange(b, 12, 16)));
                } catch (UnknownHostException e) {
                    return true;
                }
            }
            boolean nat64 = (first == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b);
            return uniqueLocal || nat64;
        }
        return true;
    }

    private static boolean isZero(byte[] bytes, int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
