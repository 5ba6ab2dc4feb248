package io.oversight.notify;

import java.net.UnknownHostException;

/**
 * A callback host that may not be called. An {@link UnknownHostException}, so the HTTP client's
 * resolver can throw it and nothing is connected.
 */
class RefusedAddressException extends UnknownHostException {

    /** The address that was refused when the agent may not see it (a name that resolved to it), else null. */
    private final String resolvedAddress;
    /** False for hosts no allow-list admits (invalid or ambiguously written addresses). */
    private final boolean allowListable;

    RefusedAddressException(String reason, String resolvedAddress) {
        this(reason, resolvedAddress, true);
    }

    RefusedAddressException(String reason, String resolvedAddress, boolean allowListable) {
        super(reason);
        this.resolvedAddress = resolvedAddress;
        this.allowListable = allowListable;
    }

    boolean allowListable() {
        return allowListable;
    }

    /** Why, with the resolved address, for the operator's record of the delivery. */
    String forOperator() {
        return resolvedAddress == null ? getMessage() : getMessage() + " (" + resolvedAddress + ")";
    }
}
