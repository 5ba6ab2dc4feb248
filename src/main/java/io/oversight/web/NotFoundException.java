package io.oversight.web;

/** The resource does not exist, or the caller may not know it does (404). */
public class NotFoundException extends RuntimeException {

    public NotFoundException(String message) {
        super(message);
    }
}
