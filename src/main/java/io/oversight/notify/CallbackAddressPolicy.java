package io.oversight.notify;

import io.oversight.proposal.CallbackUrlCheck;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Where a callback may go (CONTRACT §3): an http(s) URL without user information whose host is
 * public by name and by every address it resolves to — not loopback, link-local, private, CGNAT,
 * unspecified, multicast, reserved or cloud metadata — unless the operator allow-lists the host
 * ({@code oversight.webhooks.allowed-hosts}: exact names or IP literals, or {@code *.suffix}).
 * Checked when a proposal is submitted, and again by the sender's resolver at every attempt, which
 * hands the HTTP client only the addresses it has just checked (so DNS rebinding gains nothing).
 */
@Component
class CallbackAddressPolicy implements CallbackUrlCheck {

    private static final Logger log = LoggerFactory.getLogger(CallbackAddressPolicy.class);
    static final String NOT_HTTP = "must be an absolute http or https URL";
    static final String UNLESS_ALLOWED = "; refused unless an operator allow-lists the host";
    private static final Set<String> METADATA_HOSTS = Set.of(
            "metadata", "metadata.google.internal", "metadata.goog", "instance-data", "instance-data.ec2.internal");

    private final HostResolver resolver;
    private final Set<String> allowedHosts = new HashSet<>();
    private final Set<String> allowedSuffixes = new HashSet<>();

    CallbackAddressPolicy(WebhookProperties properties, HostResolver resolver) {
        this.resolver = resolver;
        for (String entry : properties.allowedHosts()) {
            if (entry == null || entry.isBlank()) {
                continue;
            }
            String host = normalize(entry.trim());
            if (host.startsWith("*.")) {
                allowedSuffixes.add(host.substring(1));
            } else {
                allowedHosts.add(comparable(host).orElseThrow(() -> new IllegalArgumentException(
                        "oversight.webhooks.allowed-hosts: not a host name or IP address: " + entry)));
            }
        }
        if (!allowedHosts.isEmpty() || !allowedSuffixes.isEmpty()) {
            log.info("Callbacks may reach these hosts at any address, loopback and private included: {}",
                    properties.allowedHosts());
        }
    }

    @Override
    public Optional<String> refusal(String callbackUrl) {
        Optional<String> problem = urlProblem(callbackUrl);
        if (problem.isPresent()) {
            return problem;
        }
        try {
            checkedAddresses(URI.create(callbackUrl).getHost());
            return Optional.empty();
        } catch (RefusedAddressException e) {
            return Optional.of(e.allowListable() ? e.getMessage() + UNLESS_ALLOWED : e.getMessage());
        } catch (UnknownHostException e) {
            return Optional.of("must name a host that resolves");
        }
    }

    /** What is wrong with the URL itself, found without looking anything up. */
    Optional<String> urlProblem(String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.of(NOT_HTTP);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!(scheme.equals("http") || scheme.equals("https")) || uri.isOpaque()) {
            return Optional.of(NOT_HTTP);
        }
        if (uri.getRawUserInfo() != null) {
            return Optional.of("must not contain user information (user:password@)");
        }
        if (uri.getHost() == null) {
            return Optional.of(uri.getRawAuthority() == null ? NOT_HTTP : "must name a valid host");
        }
        if (uri.getHost().contains("%")) {
            return Optional.of("must not carry an IPv6 zone id");
        }
        return Optional.empty();
    }

    /**
     * The addresses a callback to this host may connect to, every one checked. Throws
     * {@link RefusedAddressException} when the host or any of its addresses is forbidden.
     */
    InetAddress[] checkedAddresses(String rawHost) throws UnknownHostException {
        String host = normalize(rawHost);
        Optional<NumericHost> numeric = NumericHost.of(host);
        if (numeric.isPresent()) {
            return new InetAddress[] {checked(numeric.get())};
        }
        if (allowListed(host)) {
            return resolver.resolve(host);
        }
        refuseByName(host);
        if (host.contains(":")) {
            InetAddress literal = InetAddress.getByName(host);
            refuseIfForbidden(literal, host);
            return new InetAddress[] {literal};
        }
        InetAddress[] addresses = resolver.resolve(host);
        if (addresses == null || addresses.length == 0) {
            throw new UnknownHostException(host);
        }
        for (InetAddress address : addresses) {
            Optional<String> kind = ForbiddenAddresses.kindOf(address);
            if (kind.isPresent()) {
                throw new RefusedAddressException("must not name a host that resolves to " + kind.get(),
                        address.getHostAddress());
            }
        }
        return addresses;
    }

    private InetAddress checked(NumericHost numeric) throws RefusedAddressException {
        InetAddress address = numeric.address().orElseThrow(() ->
                new RefusedAddressException("must not name an invalid IP address (" + numeric.text() + ")", null, false));
        if (!numeric.canonical()) {
            Optional<String> kind = ForbiddenAddresses.kindOf(address);
            throw new RefusedAddressException(kind.isPresent()
                    ? "must not point at " + kind.get() + " (" + address.getHostAddress() + ", written as " + numeric.text() + ")"
                    : "must write an IPv4 address as four decimal numbers (" + numeric.text() + " is ambiguous)", null, false);
        }
        if (!allowListed(numeric.text())) {
            refuseIfForbidden(address, numeric.text());
        }
        return address;
    }

    private static void refuseIfForbidden(InetAddress address, String written) throws RefusedAddressException {
        Optional<String> kind = ForbiddenAddresses.kindOf(address);
        if (kind.isPresent()) {
            String shown = address.getHostAddress().equals(written) ? written : address.getHostAddress() + ", written as " + written;
            throw new RefusedAddressException("must not point at " + kind.get() + " (" + shown + ")", null);
        }
    }

    private static void refuseByName(String host) throws RefusedAddressException {
        if (host.equals("localhost") || host.endsWith(".localhost")) {
            throw new RefusedAddressException("must not name the local host", null);
        }
        if (METADATA_HOSTS.contains(host)) {
            throw new RefusedAddressException("must not name a cloud-metadata host", null);
        }
        if (host.endsWith(".internal")) {
            throw new RefusedAddressException("must not name an internal host (.internal)", null);
        }
    }

    private boolean allowListed(String host) {
        return comparable(host).map(key -> allowedHosts.contains(key) || allowedSuffixes.stream().anyMatch(key::endsWith))
                .orElse(false);
    }

    /** Lower case, without IPv6 brackets or the root's trailing dot. */
    private static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        return h.endsWith(".") ? h.substring(0, h.length() - 1) : h;
    }

    /** IPv6 literals in one spelling, so {@code ::1} and {@code 0:0:0:0:0:0:0:1} allow-list the same host. */
    private static Optional<String> comparable(String host) {
        if (!host.contains(":")) {
            return Optional.of(host);
        }
        try {
            return Optional.of(InetAddress.getByName(host).getHostAddress());
        } catch (UnknownHostException e) {
            return Optional.empty();
        }
    }
}
