package dev.syncwright.http.internal;

import dev.syncwright.http.Exchange;
import dev.syncwright.jdbc.Snapshots;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Optional;

/**
 * {@code GET .../{scope}/snapshot} (ADR 066): the scope's current snapshot file as it is, its length
 * in {@code Content-Length}, its SHA-256 and the server it came from in headers; the database is
 * not touched. 404 {@code NO_SNAPSHOT} when there is none: the client downloads row by row instead.
 */
public final class SnapshotServing {
    private SnapshotServing() {
    }

    public static void serve(Exchange ex, Optional<Snapshots.Published> snapshot, String scope) {
        if (snapshot.isEmpty()) {
            Errors.send(ex, 404, "NO_SNAPSHOT", "This server keeps no snapshot of scope '" + scope + "' (yet): a new client "
                    + "downloads the scope from the server's database instead");
            return;
        }
        Snapshots.Published s = snapshot.get();
        InputStream in;
        try {
            in = Files.newInputStream(s.file());
        } catch (NoSuchFileException e) {
            // replaced twice since it was current (a refresh every few seconds): the next request finds the newest
            Errors.send(ex, 503, "BUSY", "The snapshot of scope '" + scope + "' was just replaced; retry", "Retry-After", "1");
            return;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try (in; OutputStream out = ex.respond(200, Protocol.SNAPSHOT_TYPE, s.bytes(), "ETag", "\"" + s.sha256() + "\"",
                Protocol.SNAPSHOT_SHA256_HEADER, s.sha256(), Protocol.SNAPSHOT_SERVER_HEADER, s.server().toString())) {
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the client went away: nothing more to answer
        }
    }
}
