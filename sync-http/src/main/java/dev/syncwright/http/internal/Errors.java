package dev.syncwright.http.internal;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.syncwright.http.Exchange;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** Error bodies: {@code {"code": "...", "message": "..."}}, the code stable for programs, the message for people. */
public final class Errors {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Errors() {
    }

    public static void send(Exchange ex, int status, String code, String message, String... headers) {
        byte[] body;
        try {
            body = JSON.writeValueAsBytes(JSON.createObjectNode().put("code", code).put("message", message)
                    .put("protocol", Protocol.VERSION));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (OutputStream out = ex.respond(status, Protocol.ERROR_TYPE, headers)) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads an error body back: {code, message}, or the raw text when it is not one of ours (a proxy's page). */
    public static String[] parse(byte[] body) {
        try {
            var node = JSON.readTree(body);
            if (node != null && node.has("code") && node.has("message")) {
                return new String[] {node.get("code").asText(), node.get("message").asText()};
            }
        } catch (IOException e) {
            // not JSON: fall through
        }
        String text = new String(body, java.nio.charset.StandardCharsets.UTF_8).strip();
        return new String[] {"HTTP", text.length() > 200 ? text.substring(0, 197) + "..." : text};
    }
}
