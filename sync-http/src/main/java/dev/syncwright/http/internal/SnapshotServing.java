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
 * in {@code Content-Length}, its SHA-256 (its ETag), CRC-32C and the server it came from in headers; the database is
 * not touched. 404 {@code NO_SNAPSHOT} when there is none: the client downloads row by row instead.
 * A download cut off goes on where it stopped: {@code Range: bytes=N-} with {@code If-Range} naming
 * the file's ETag gets 206 and the rest of that file; of another file (replaced meanwhile), 200 and
 * the whole of the current one.
 */
public final class SnapshotServing {
    private SnapshotServing() {
    }

    private static final java.util.regex.Pattern RANGE = java.util.regex.Pattern.compile("bytes=(\\d{1,18})-");

    public static void serve(Exchange ex, Optional<Snapshots.Published> snapshot, String scope) {
        if (snapshot.isEmpty()) {
            Errors.send(ex, 404, "NO_SNAPSHOT", "This server keeps no snapshot of scope '" + scope + "' (yet): a new client "
                    + "downloads the scope from the server's database instead");
            return;
        }
        Snapshots.Published s = snapshot.get();
        String etag = "\"" + s.sha256() + "\"";
        long from = resumeAt(ex, etag, s.bytes());
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
        String[] headers = {"ETag", etag, "Accept-Ranges", "bytes", Protocol.SNAPSHOT_SHA256_HEADER, s.sha256(),
                Protocol.SNAPSHOT_CRC32C_HEADER, Long.toString(s.crc32c()),
                Protocol.SNAPSHOT_SERVER_HEADER, s.server().toString()};
        if (from > 0) {
            headers = java.util.Arrays.copyOf(headers, headers.length + 2);
            headers[headers.length - 2] = "Content-Range";
            headers[headers.length - 1] = "bytes " + from + "-" + (s.bytes() - 1) + "/" + s.bytes();
        }
        try (in; OutputStream out = ex.respond(from > 0 ? 206 : 200, Protocol.SNAPSHOT_TYPE, s.bytes() - from, headers)) {
            in.skipNBytes(from);
            in.transferTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // the client went away: nothing more to answer
        }
    }

    /** Where a resumed download of this file goes on (0: from the start, also for a range of another file or beyond its end). */
    private static long resumeAt(Exchange ex, String etag, long length) {
        String range = ex.header("Range");
        if (range == null || !etag.equals(ex.header("If-Range"))) {
            return 0;
        }
        java.util.regex.Matcher m = RANGE.matcher(range.strip());
        if (!m.matches()) {
            return 0;
        }
        long from = Long.parseLong(m.group(1));
        return from < length ? from : 0;
    }
}
