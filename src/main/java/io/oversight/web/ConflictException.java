package io.oversight.web;

/** The request is valid but does not fit the resource's current state (409). */
public class ConflictException extends RuntimeException {

    public ConflictException(String message) {
        super(message);
    }
}
