package io.oversight.proposal;

/** The idempotency key was used before with a different body. */
public class IdempotencyConflictException extends RuntimeException {

    public IdempotencyConflictException(String key) {
        super("idempotencyKey '" + key + "' was already used with a different body");
    }
}
