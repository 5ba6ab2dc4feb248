package io.oversight.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Where a callback may go: the URL, the host's name, and every address it resolves to. */
class CallbackAddressPolicyTest {

    private final ScriptedResolver dns = new ScriptedResolver()
            .answer("agent.example.com", "93.184.216.34")
            .answer("v6.example.com", "2606:2800:220:1:248:1893:25c8:1946")
            .answer("internal.example.com", "10.20.30.40")
            .answer("dual.example.com", "93.184.216.34, 192.168.1.20")
            .answer("dual6.example.com", "2606:2800:220:1:248:1893:25c8:1946, fe80::1")
            .answer("metadata-alias.example.com", "169.254.169.254")
            .answer("aws6.example.com", "fd00:ec2::254")
            .answer("mapped.example.com", "::ffff:127.0.0.1")
            .answer("cgnat.example.com", "100.72.1.1")
            .answer("hooks.corp.example", "10.1.1.1")
            .answer("localhost", "127.0.0.1, ::1");

    private final CallbackAddressPolicy policy = policy(List.of());

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            // loopback, every way of writing it
            "http://127.0.0.1/hooks                       | must not point at a loopback address (127.0.0.1)",
            "http://127.255.255.254:8080/x                | loopback address",
            "http://2130706433/                           | loopback address (127.0.0.1, written as 2130706433)",
            "http://0x7f000001/                           | loopback address (127.0.0.1, written as 0x7f000001)",
            "http://0177.0.0.1/                           | loopback address (127.0.0.1, written as 0177.0.0.1)",
            "http://017700000001/                         | loopback address (127.0.0.1",
            "http://0x7f000001.example/                   | must name a host that resolves",
            "http://0x7f.0.0.1/                           | must name a valid host",
            "http://127.1/                                | must name a valid host",
            "http://[::1]/                                | loopback address (0:0:0:0:0:0:0:1, written as ::1)",
            "http://[0:0:0:0:0:0:0:1]:8080/               | loopback address",
            "http://[::ffff:127.0.0.1]/                   | loopback address (127.0.0.1, written as ::ffff:127.0.0.1)",
            "http://[::ffff:7f00:1]/                      | loopback address (127.0.0.1",
            "http://[::127.0.0.1]/                        | loopback address",
            "http://localhost:8080/                       | must not name the local host",
            "http://LOCALHOST./                           | must not name the local host",
            "http://api.localhost/                        | must not name the local host",
            "http://mapped.example.com/                   | resolves to a loopback address",
            // unspecified
            "http://0.0.0.0:8080/                         | unspecified address",
            "http://0/                                    | unspecified address",
            "http://[::]/                                 | unspecified address",
            // private, CGNAT and what embeds them
            "http://10.0.0.1/                             | private address (10.0.0.1)",
            "http://172.16.0.1/                           | private address",
            "http://172.31.255.255/                       | private address",
            "http://192.168.1.1/                          | private address",
            "http://100.64.0.1/                           | shared (CGNAT) address",
            "http://100.127.255.255/                      | shared (CGNAT) address",
            "http://[fc00::1]/                            | private address",
            "http://[fd12:3456::1]/                       | private address",
            "http://[64:ff9b::a00:1]/                     | private address",
            "http://[2002:c0a8:101::1]/                   | private address",
            "http://internal.example.com/                 | must not name a host that resolves to a private address",
            "http://dual.example.com/                     | resolves to a private address",
            "http://cgnat.example.com/                    | resolves to a shared (CGNAT) address",
            // link-local and cloud metadata
            "http://169.254.169.254/latest/meta-data/     | cloud-metadata address (169.254.169.254)",
            "http://[::ffff:a9fe:a9fe]/                   | cloud-metadata address (169.254.169.254",
            "http://2852039166/                           | cloud-metadata address (169.254.169.254, written as 2852039166)",
            "http://100.100.100.200/                      | cloud-metadata address",
            "http://[fd00:ec2::254]/                      | cloud-metadata address",
            "http://169.254.10.1/                         | link-local address",
            "http://[fe80::1]/                            | link-local address",
            "http://[febf::1]/                            | link-local address",
            "http://metadata.google.internal/computeMetadata/v1/ | must not name a cloud-metadata host",
            "http://METADATA.GOOGLE.INTERNAL./            | must not name a cloud-metadata host",
            "http://metadata/                             | must not name a cloud-metadata host",
            "http://metadata.goog/                        | must not name a cloud-metadata host",
            "http://db.corp.internal/                     | must not name an internal host (.internal)",
            "http://metadata-alias.example.com/           | resolves to a cloud-metadata address",
            "http://aws6.example.com/                     | resolves to a cloud-metadata address",
            "http://dual6.example.com/                    | resolves to a link-local address",
            // multicast, broadcast, reserved
            "http://224.0.0.1/                            | multicast address",
            "http://239.255.255.250/                      | multicast address",
            "http://[ff02::1]/                            | multicast address",
            "http://255.255.255.255/                      | reserved address",
            "http://240.0.0.1/                            | reserved address",
            "http://192.0.2.10/                           | reserved address",
            "http://[2001:db8::1]/                        | reserved address",
            // numbers that are no address, or an ambiguous one
            "http://256.1.1.1/                            | must name a valid host",
            "http://1.2.3.4.5/                            | must name a valid host",
            "http://1.2.3.4.5.example/                    | must name a host that resolves",
            "http://0x100000000/                          | invalid IP address",
            "http://08.8.8.8/                             | invalid IP address",
            "http://8.8.8.010/                            | must write an IPv4 address as four decimal numbers",
            // hosts that do not exist
            "http://nowhere.example.com/                  | must name a host that resolves",
            // not an http URL, user information, zone ids, broken hosts
            "ftp://agent.example.com/                     | must be an absolute http or https URL",
            "file:///etc/passwd                           | must be an absolute http or https URL",
            "gopher://agent.example.com:70/_x             | must be an absolute http or https URL",
            "javascript:alert(1)                          | must be an absolute http or https URL",
            "/relative/hook                               | must be an absolute http or https URL",
            "agent.example.com/hooks                      | must be an absolute http or https URL",
            "https:///no-host                             | must be an absolute http or https URL",
            "http://bad host/                             | must be an absolute http or https URL",
            "http://user:secret@agent.example.com/        | must not contain user information",
            "http://agent.example.com@127.0.0.1/          | must not contain user information",
            "http://[fe80::1%25eth0]/                     | must not carry an IPv6 zone id",
            "http://a_b.example.com/                      | must name a valid host"})
    void refusesAnythingButAPublicHttpEndpoint(String url, String reason) {
        assertThat(policy.refusal(url)).hasValueSatisfying(refusal -> assertThat(refusal).contains(reason));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://agent.example.com/hooks/oversight", "http://agent.example.com:8080/x?y=1",
            "HTTPS://Agent.Example.COM/", "https://agent.example.com./hooks", "https://93.184.216.34/hook",
            "https://v6.example.com/", "https://[2606:2800:220:1:248:1893:25c8:1946]:8443/hook"})
    void acceptsPublicHttpEndpoints(String url) {
        assertThat(policy.refusal(url)).isEmpty();
    }

    @Test
    void aRefusalNamesTheWayOut() {
        assertThat(policy.refusal("http://10.0.0.1/")).hasValue(
                "must not point at a private address (10.0.0.1); refused unless an operator allow-lists the host");
    }

    @Test
    void anAmbiguouslyWrittenAddressIsRefusedWhateverTheAllowList() {
        var allowing = policy(List.of("127.0.0.1", "8.8.8.8"));

        assertThat(allowing.refusal("http://8.8.8.010/")).hasValue(
                "must write an IPv4 address as four decimal numbers (8.8.8.010 is ambiguous)");
        assertThat(allowing.refusal("http://0177.0.0.1/")).hasValue(
                "must not point at a loopback address (127.0.0.1, written as 0177.0.0.1)");
    }

    @Test
    void numericHostsAreJudgedWithoutAskingTheResolver() {
        for (String url : List.of("http://0177.0.0.1/", "http://2130706433/", "http://0x7f.1/", "http://256.1.1.1/")) {
            policy.refusal(url);
        }

        assertThat(dns.lookups()).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://127.0.0.1:9000/hooks", "http://localhost:8080/", "http://[::1]:8080/",
            "http://[0:0:0:0:0:0:0:1]/", "https://hooks.corp.example/", "https://HOOKS.corp.example./"})
    void allowListedHostsMayBeAnywhere(String url) {
        var allowing = policy(List.of("127.0.0.1", "localhost", "[::1]", "*.corp.example"));

        assertThat(allowing.refusal(url)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "http://127.0.0.2/              | loopback address",
            "http://2130706433/             | loopback address",
            "http://10.1.1.1/               | private address",
            "http://corp.example.local/     | must name a host that resolves",
            "http://user@127.0.0.1/         | user information",
            "ftp://127.0.0.1/               | http or https"})
    void theAllowListNamesHostsNotAddresses(String url, String reason) {
        var allowing = policy(List.of("127.0.0.1", "localhost", "*.corp.example"));

        assertThat(allowing.refusal(url)).hasValueSatisfying(refusal -> assertThat(refusal).contains(reason));
    }

    @Test
    void aHostIsCheckedAgainAtDeliveryWithWhatItResolvesToThen() throws Exception {
        dns.answer("rebind.example.com", "93.184.216.34", "127.0.0.1");

        assertThat(policy.refusal("http://rebind.example.com/hooks")).as("at submission").isEmpty();
        assertThatThrownBy(() -> policy.checkedAddresses("rebind.example.com"))
                .isInstanceOf(RefusedAddressException.class)
                .hasMessage("must not name a host that resolves to a loopback address")
                .satisfies(e -> assertThat(((RefusedAddressException) e).forOperator()).endsWith("(127.0.0.1)"));
    }

    @Test
    void deliveryGetsExactlyTheAddressesThatWereChecked() throws Exception {
        assertThat(policy.checkedAddresses("agent.example.com"))
                .containsExactly(InetAddress.getByName("93.184.216.34"));
        assertThat(policy.checkedAddresses("[2606:2800:220:1:248:1893:25c8:1946]"))
                .containsExactly(InetAddress.getByName("2606:2800:220:1:248:1893:25c8:1946"));
        assertThatThrownBy(() -> policy.checkedAddresses("[::1]")).isInstanceOf(RefusedAddressException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.1", "0x7f.0.0.1", "0x7f.1", "127.0.1", "0177.1"})
    void shortAndMixedNumericHostsAreReadAsTheCLibraryReadsThem(String host) {
        // java.net.URI already refuses these as hosts; the resolver the HTTP client asks refuses them too.
        assertThatThrownBy(() -> policy.checkedAddresses(host)).isInstanceOf(RefusedAddressException.class)
                .hasMessageContaining("loopback address (127.0.");
        assertThat(dns.lookups()).isEmpty();
    }

    @Test
    void blankAllowListEntriesAllowNothing() {
        // OVERSIGHT_WEBHOOKS_ALLOWEDHOSTS= (set but empty) in a compose file
        var blank = policy(List.of("", " "));

        assertThat(blank.refusal("http://127.0.0.1/")).isPresent();
        assertThat(blank.refusal("http://localhost/")).isPresent();
    }

    @Test
    void anAllowListEntryThatIsNoHostStopsTheStart() {
        assertThatThrownBy(() -> policy(List.of("[:::1]"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("oversight.webhooks.allowed-hosts");
    }

    private CallbackAddressPolicy policy(List<String> allowedHosts) {
        var properties = new WebhookProperties(true, "s", 8, Duration.ofSeconds(1), Duration.ofMinutes(5),
                Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(5), allowedHosts);
        return new CallbackAddressPolicy(properties, dns);
    }
}
