package dev.syncwright.http;

import java.io.InputStream;
import java.io.OutputStream;

/**
 * One request and its response, as {@link SyncHttpHandler} sees them: no HTTP library in sight. An
 * adapter (the JDK server, a servlet, a Spring endpoint) implements it for its own request type.
 */
public interface Exchange {
    String method();

    /** The path, without the query. */
    String path();

    /** A request header, or null. */
    String header(String name);

    /** The request body (not yet decompressed). */
    InputStream body();

    /** Starts the response: headers first, then the body to write (closed by the caller). */
    OutputStream respond(int status, String contentType, String... headerNamesAndValues);

    /**
     * As {@link #respond(int, String, String...)} for a body of {@code lengthBytes} known in advance
     * (a file): an adapter that can, says so in {@code Content-Length}, so that the client sees a cut
     * download as one; the default streams it as any other body.
     */
    default OutputStream respond(int status, String contentType, long lengthBytes, String... headerNamesAndValues) {
        return respond(status, contentType, headerNamesAndValues);
    }
}
