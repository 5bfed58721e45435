package dev.syncwright.http.internal;

import java.io.IOException;
import java.io.OutputStream;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/**
 * gzip at the fastest level, for both directions of the wire. Batches are mostly repeated keys,
 * tags and versions, which level 1 already compresses well; the default level 6 cost more CPU than
 * the bytes it saved on a loopback or LAN link (docs/benchmarks.md, "Sync over HTTP").
 */
final class FastGzip extends GZIPOutputStream {
    FastGzip(OutputStream out, boolean syncFlush) throws IOException {
        super(out, 64 * 1024, syncFlush);
        def.setLevel(Deflater.BEST_SPEED);
    }
}
