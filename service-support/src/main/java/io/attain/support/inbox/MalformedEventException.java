package io.attain.support.inbox;

/**
 * A record that is not a well-formed Attain CloudEvent. It can never be processed, so the consumer's
 * failure strategy sends it to the dead-letter topic instead of retrying it forever.
 */
public class MalformedEventException extends RuntimeException {
    public MalformedEventException(String message) {
        super(message);
    }

    public MalformedEventException(String message, Throwable cause) {
        super(message, cause);
    }
}
