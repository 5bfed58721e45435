package dev.syncwright.testing;

/** A server source could not be used; the message says why, in a few words, for the skip message. */
final class SourceUnavailable extends Exception {

    SourceUnavailable(String message) {
        super(message, null, false, false);
    }

    SourceUnavailable(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
