package dev.syncwright.http.internal;

import com.github.luben.zstd.Zstd;
import com.github.luben.zstd.ZstdInputStreamNoFinalizer;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** zstd-jni behind {@link Codings}: touched only once {@link Codings} found the library, so gzip-only deployments need none. */
final class ZstdCoding {
    /** Level 1: the fastest of the normal levels; on batches it already beats gzip's best speed by far in size. */
    private static final int LEVEL = 1;

    private ZstdCoding() {
    }

    /** Loads the native library by using it once. */
    static boolean works() {
        byte[] probe = {1, 2, 3};
        return java.util.Arrays.equals(Zstd.decompress(Zstd.compress(probe, LEVEL), probe.length), probe);
    }

    static OutputStream compress(OutputStream out) throws IOException {
        ZstdOutputStreamNoFinalizer z = new ZstdOutputStreamNoFinalizer(out, LEVEL);
        z.setCloseFrameOnFlush(false); // a flush sends the batch so far; the frame ends when the body does
        return z;
    }

    static InputStream decompress(InputStream in) throws IOException {
        return new ZstdInputStreamNoFinalizer(new BufferedInputStream(in, 16 * 1024));
    }
}
