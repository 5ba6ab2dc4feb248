package io.oversight.notify;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The addresses a callback may never reach: everything that is not public unicast. IPv6 forms that
 * carry an IPv4 address (mapped, compatible, NAT64, 6to4) are judged by the IPv4 address inside.
 */
final class ForbiddenAddresses {

    static final String CLOUD_METADATA = "a cloud-metadata address";
    static final String LOOPBACK = "a loopback address";
    static final String PRIVATE = "a private address";
    static final String LINK_LOCAL = "a link-local address";
    static final String UNSPECIFIED = "an unspecified address";
    static final String MULTICAST = "a multicast address";
    static final String RESERVED = "a reserved address";

    /** Checked in order, so the narrower blocks (metadata) name an address before the wider ones. */
    private static final List<Block> IPV4 = List.of(
            block("169.254.169.254/32", CLOUD_METADATA),
            block("100.100.100.200/32", CLOUD_METADATA),
            block("0.0.0.0/8", UNSPECIFIED),
            block("127.0.0.0/8", LOOPBACK),
            block("10.0.0.0/8", PRIVATE),
            block("172.16.0.0/12", PRIVATE),
            block("192.168.0.0/16", PRIVATE),
            block("100.64.0.0/10", "a shared (CGNAT) address"),
            block("169.254.0.0/16", LINK_LOCAL),
            block("224.0.0.0/4", MULTICAST),
            block("192.0.0.0/24", RESERVED),
            block("192.0.2.0/24", RESERVED),
            block("192.88.99.0/24", RESERVED),
            block("198.18.0.0/15", RESERVED),
            block("198.51.100.0/24", RESERVED),
            block("203.0.113.0/24", RESERVED),
            block("240.0.0.0/4", RESERVED));

    private static final List<Block> IPV6 = List.of(
            block("fd00:ec2::254/128", CLOUD_METADATA),
            block("::/128", UNSPECIFIED),
            block("::1/128", LOOPBACK),
            block("fe80::/10", LINK_LOCAL),
            block("fec0::/10", "a site-local address"),
            block("fc00::/7", PRIVATE),
            block("ff00::/8", MULTICAST),
            block("64:ff9b:1::/48", RESERVED),
            block("100::/64", RESERVED),
            block("2001::/23", RESERVED),
            block("2001:db8::/32", RESERVED));

    /** IPv6 blocks whose last four bytes are an IPv4 address: compatible, mapped, NAT64. */
    private static final List<Block> IPV4_IN_LAST_BYTES = List.of(
            block("::/96", null), block("::ffff:0:0/96", null), block("64:ff9b::/96", null));
    private static final Block SIX_TO_FOUR = block("2002::/16", null);
    private static final Block GLOBAL_UNICAST = block("2000::/3", null);

    private ForbiddenAddresses() {}

    /** What kind of forbidden address this is ("a loopback address"), or empty for a public unicast address. */
    static Optional<String> kindOf(InetAddress address) {
        byte[] bytes = address.getAddress();
        if (address instanceof Inet4Address) {
            return firstMatch(IPV4, bytes);
        }
        if (!(address instanceof Inet6Address)) {
            return Optional.of(RESERVED);
        }
        Optional<String> own = firstMatch(IPV6, bytes);
        if (own.isPresent()) {
            return own;
        }
        for (Block block : IPV4_IN_LAST_BYTES) {
            if (block.contains(bytes)) {
                return firstMatch(IPV4, Arrays.copyOfRange(bytes, 12, 16));
            }
        }
        if (SIX_TO_FOUR.contains(bytes)) {
            return firstMatch(IPV4, Arrays.copyOfRange(bytes, 2, 6));
        }
        return GLOBAL_UNICAST.contains(bytes) ? Optional.empty() : Optional.of(RESERVED);
    }

    private static Optional<String> firstMatch(List<Block> blocks, byte[] bytes) {
        return blocks.stream().filter(b -> b.contains(bytes)).map(Block::kind).findFirst();
    }

    private record Block(byte[] prefix, int bits, String kind) {

        boolean contains(byte[] address) {
            if (address.length != prefix.length) {
                return false;
            }
            int whole = bits / 8;
            for (int i = 0; i < whole; i++) {
                if (address[i] != prefix[i]) {
                    return false;
                }
            }
            int rest = bits % 8;
            if (rest == 0) {
                return true;
            }
            int mask = (0xff << (8 - rest)) & 0xff;
            return (address[whole] & mask) == (prefix[whole] & mask);
        }
    }

    /** A block in CIDR notation; the text is a literal, so nothing is looked up. */
    private static Block block(String cidr, String kind) {
        int slash = cidr.indexOf('/');
        try {
            byte[] prefix = InetAddress.getByName(cidr.substring(0, slash)).getAddress();
            if (cidr.startsWith("::ffff:")) {
                // Java reads ::ffff:a.b.c.d as IPv4; the block is meant in its IPv6 form.
                prefix = new byte[16];
                prefix[10] = (byte) 0xff;
                prefix[11] = (byte) 0xff;
            }
            return new Block(prefix, Integer.parseInt(cidr.substring(slash + 1)), kind);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(cidr, e);
        }
    }
}
