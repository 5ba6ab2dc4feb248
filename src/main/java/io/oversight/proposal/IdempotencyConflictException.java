package io.oversight.proposal;

import io.oversight.web.ConflictException;

/** The idempotency key was used before with a different body. */
public class IdempotencyConflictException extends ConflictException {

    public IdempotencyConflictException(String key) {
        super("idempotencyKey", "idempotencyKey '" + key + "' was already used with a different body");
    }
}
