package dev.syncwright.http.internal;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Locale;
import java.util.function.UnaryOperator;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * The content codings of the wire (docs/protocol.md): zstd where both sides have it (zstd-jni on the
 * class path and its native library loaded), gzip otherwise. On a download's batches zstd level 1
 * writes 44 % fewer bytes than gzip level 1, in a fifth of the CPU, and reads them back in a third
 * (docs/benchmarks.md). The server answers in zstd when the request accepts it; a client sends zstd
 * bodies once the server has answered in zstd.
 */
public final class Codings {
    public static final String GZIP = "gzip";
    public static final String ZSTD = "zstd";
    private static final boolean HAS_ZSTD = zstdLoads();

    private Codings() {
    }

    private static boolean zstdLoads() {
        try {
            Class.forName("com.github.luben.zstd.Zstd");
            return ZstdCoding.works();
        } catch (ClassNotFoundException | LinkageError e) {
            return false; // not on the class path, or no native library for this platform: gzip
        }
    }

    public static boolean hasZstd() {
        return HAS_ZSTD;
    }

    /** What a client accepts. */
    public static String accepted() {
        return HAS_ZSTD ? ZSTD + ", " + GZIP : GZIP;
    }

    /** The coding of an answer to a request that accepts {@code acceptEncoding}. */
    public static String answerIn(String acceptEncoding) {
        return HAS_ZSTD && acceptEncoding != null && acceptEncoding.toLowerCase(Locale.ROOT).contains(ZSTD) ? ZSTD : GZIP;
    }

    /** Compresses into {@code out}; {@code flushEach}: each flush sends what was written (a stream of batches). */
    public static OutputStream compress(String coding, OutputStream out, boolean flushEach) throws IOException {
        return ZSTD.equals(coding) ? ZstdCoding.compress(out) : new FastGzip(out, flushEach);
    }

    /**
     * Decompresses {@code in} of coding {@code coding} (null: none); empty when this side cannot
     * read it. A damaged body fails with a {@link ZipException}, whichever the coding.
     */
    public static java.util.Optional<InputStream> decompress(String coding, InputStream in) throws IOException {
        if (coding == null || coding.isEmpty() || coding.equalsIgnoreCase("identity")) {
            return java.util.Optional.of(in);
        }
        if (coding.equalsIgnoreCase(GZIP)) {
            return java.util.Optional.of(new GZIPInputStream(in, 16 * 1024));
        }
        if (coding.equalsIgnoreCase(ZSTD) && HAS_ZSTD) {
            return java.util.Optional.of(new Mapped(ZstdCoding.decompress(new Mapped(in, SourceFailure::new)), Codings::damaged));
        }
        return java.util.Optional.empty();
    }

    /** A failure of the connection under a decoder, told apart from the decoder's own. */
    private static final class SourceFailure extends IOException {
        private static final long serialVersionUID = 1L;

        SourceFailure(IOException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /**
     * A zstd decoder's failures (a damaged or truncated frame) as the {@link ZipException} the wire
     * reader turns into a 400; the connection's own failures as they were.
     */
    private static IOException damaged(IOException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SourceFailure f) {
                return (IOException) f.getCause();
            }
        }
        ZipException z = new ZipException("zstd: " + e.getMessage());
        z.initCause(e);
        return z;
    }

    /** A stream whose read failures are rewritten by {@code map}. */
    private static final class Mapped extends FilterInputStream {
        private final UnaryOperator<IOException> map;

        Mapped(InputStream in, UnaryOperator<IOException> map) {
            super(in);
            this.map = map;
        }

        @Override
        public int read() throws IOException {
            try {
                return super.read();
            } catch (IOException e) {
                throw map.apply(e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                return super.read(b, off, len);
            } catch (IOException e) {
                throw map.apply(e);
            }
        }
    }
}
