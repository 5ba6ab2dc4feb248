package io.oversight.notify;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A host that is a number rather than a name. Resolvers disagree about forms such as
 * {@code 0177.0.0.1} (octal in C libraries and curl, decimal in Java), {@code 2130706433} or
 * {@code 0x7f.1}; so any host whose last label is a number is read the way the C library reads it,
 * and only four plain decimal parts count as unambiguous.
 */
record NumericHost(String text, Optional<InetAddress> address, boolean canonical) {

    private static final Pattern NUMBER = Pattern.compile("0[xX][0-9a-fA-F]*|[0-9]+");
    private static final Pattern DECIMAL_PART = Pattern.compile("0|[1-9][0-9]{0,2}");
    private static final int MAX_DIGITS = 12;

    /** Empty when the host is a name (its last label is not a number) or an IPv6 literal. */
    static Optional<NumericHost> of(String host) {
        if (host.contains(":")) {
            return Optional.empty();
        }
        String[] parts = host.split("\\.", -1);
        if (!NUMBER.matcher(parts[parts.length - 1]).matches()) {
            return Optional.empty();
        }
        boolean canonical = parts.length == 4;
        for (String part : parts) {
            canonical &= DECIMAL_PART.matcher(part).matches();
        }
        return Optional.of(new NumericHost(host, decode(parts), canonical));
    }

    /** The address as inet_aton(3) reads it: up to four parts, the last one filling the remaining bytes. */
    private static Optional<InetAddress> decode(String[] parts) {
        if (parts.length > 4) {
            return Optional.empty();
        }
        long[] values = new long[parts.length];
        for (int i = 0; i < parts.length; i++) {
            if (!NUMBER.matcher(parts[i]).matches()) {
                return Optional.empty();
            }
            values[i] = value(parts[i]);
            long limit = i < parts.length - 1 ? 0xffL : (1L << (8 * (5 - parts.length))) - 1;
            if (values[i] < 0 || values[i] > limit) {
                return Optional.empty();
            }
        }
        long address = values[values.length - 1];
        for (int i = 0; i < values.length - 1; i++) {
            address |= values[i] << (8 * (3 - i));
        }
        byte[] bytes = {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The part's value, or -1 when it does not fit. */
    private static long value(String part) {
        int radix = 10;
        String digits = part;
        if (part.length() > 1 && (part.charAt(1) == 'x' || part.charAt(1) == 'X')) {
            radix = 16;
            digits = part.substring(2);
        } else if (part.length() > 1 && part.charAt(0) == '0') {
            radix = 8;
            digits = part.substring(1);
        }
        digits = digits.replaceFirst("^0+", "");
        if (digits.isEmpty()) {
            return 0;
        }
        if (digits.length() > MAX_DIGITS) {
            return -1;
        }
        try {
            return Long.parseLong(digits, radix);
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
