package io.oversight.audit;

import java.util.List;

/** Ledger keys for tests outside a Spring context. */
final class TestKeys {

    static final String SECRET = "test-ledger-key-0123456789abcdef-xyz";
    /** "k" and the first 12 hex digits of HMAC-SHA256(SECRET, "ovs-ledger-key-id"), computed with Python's hmac. */
    static final String SECRET_ID = "kbb0fbdbf657a";
    static final LedgerKeys KEYS = new LedgerKeys(SECRET, List.of(), false);

    private TestKeys() {}
}
