package dev.syncwright.files.internal;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import net.openhft.hashing.LongTupleHashFunction;

/**
 * A file's content hash: XXH3-128, chosen for speed (about 10 GB/s per core here against 1.5 GB/s
 * for SHA-256; see docs/benchmarks.md) with 128 bits, so that move detection by (size, hash) never
 * mistakes two contents for one in practice. Files are hashed in 1 MiB chunks; a file of one chunk
 * or less hashes to the XXH3-128 of its bytes, a longer one to the XXH3-128 of its chunk hashes
 * followed by its length. Not a defence against someone crafting collisions: replicas trust each
 * other's files anyway.
 *
 * <p>A hasher is reusable ({@link #reset()}): a scan or a copy of thousands of files allocates no
 * chunk per file. Files are read into a direct buffer and, when copying, written from it, then
 * copied once into the heap chunk that is hashed (the hash function reads direct buffers only
 * through a JDK-internal class, which a library must not require opening).
 */
public final class ContentHash {
    static final int CHUNK = 1 << 20;
    private static final LongTupleHashFunction XX128 = LongTupleHashFunction.xx128();

    private final byte[] chunk = new byte[CHUNK];
    private ByteBuffer io;
    private final long[] tuple = new long[2];
    private int filled;
    private long length;
    private ByteBuffer chunkHashes = ByteBuffer.allocate(16 * 64);

    /** Forgets everything added: the hasher starts over. */
    public void reset() {
        filled = 0;
        length = 0;
        chunkHashes.clear();
    }

    /** Adds bytes to the hash. */
    public void update(byte[] b, int off, int len) {
        while (len > 0) {
            int n = Math.min(len, CHUNK - filled);
            System.arraycopy(b, off, chunk, filled, n);
            added(n);
            off += n;
            len -= n;
        }
    }

    private void added(int n) {
        filled += n;
        length += n;
        if (filled == CHUNK) {
            closeChunk();
        }
    }

    private void closeChunk() {
        XX128.hashBytes(chunk, 0, filled, tuple);
        room(16);
        chunkHashes.putLong(tuple[0]).putLong(tuple[1]);
        filled = 0;
    }

    private void room(int bytes) {
        if (chunkHashes.remaining() < bytes) {
            ByteBuffer bigger = ByteBuffer.allocate(chunkHashes.capacity() * 2);
            chunkHashes.flip();
            bigger.put(chunkHashes);
            chunkHashes = bigger;
        }
    }

    /** The 16-byte hash of everything added; {@link #reset()} before adding more. */
    public byte[] digest() {
        if (length <= CHUNK) {
            XX128.hashBytes(chunk, 0, filled, tuple);
        } else {
            if (filled > 0) {
                closeChunk();
            }
            room(8);
            chunkHashes.putLong(length);
            XX128.hashBytes(chunkHashes.array(), 0, chunkHashes.position(), tuple);
        }
        return ByteBuffer.allocate(16).putLong(tuple[0]).putLong(tuple[1]).array();
    }

    /** Resets, then reads {@code in} to its end, hashing it and writing every byte to {@code out} (when not null). */
    long copy(FileChannel in, FileChannel out) throws IOException {
        reset();
        if (io == null) {
            io = ByteBuffer.allocateDirect(CHUNK);
        }
        while (true) {
            io.clear().position(filled);
            int n = in.read(io);
            if (n < 0) {
                return length;
            }
            if (out != null) {
                io.flip().position(filled);
                while (io.hasRemaining()) {
                    out.write(io);
                }
            }
            io.get(filled, chunk, filled, n);
            added(n);
        }
    }

    /** The hash of a file's bytes as they are now, with this hasher (reset first). */
    byte[] hash(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            copy(ch, null);
        }
        return digest();
    }

    /** The hash of a file's bytes as they are now. */
    public static byte[] of(Path file) throws IOException {
        return new ContentHash().hash(file);
    }

    /** The hash of a byte array (tests, small contents). */
    public static byte[] of(byte[] bytes) {
        if (bytes.length <= CHUNK) { // one chunk: the XXH3-128 of the bytes, no hasher needed
            long[] t = XX128.hashBytes(bytes);
            return ByteBuffer.allocate(16).putLong(t[0]).putLong(t[1]).array();
        }
        ContentHash h = new ContentHash();
        h.update(bytes, 0, bytes.length);
        return h.digest();
    }
}
