package io.attain.local;

/** The suite could not start or stop as asked; the message says what to look at. */
public class SuiteException extends RuntimeException {
    public SuiteException(String message) {
        super(message);
    }

    public SuiteException(String message, Throwable cause) {
        super(message, cause);
    }
}
