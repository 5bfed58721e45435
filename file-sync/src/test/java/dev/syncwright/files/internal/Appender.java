package dev.syncwright.files.internal;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.atomic.AtomicBoolean;

/** Keeps appending to a file on a thread of its own until closed: a source still being written while a sync copies it. */
final class Appender implements AutoCloseable {
    private final AtomicBoolean stop = new AtomicBoolean();
    private final Thread writer;

    private Appender(Path file, byte[] block) {
        writer = new Thread(() -> {
            try (OutputStream out = Files.newOutputStream(file, StandardOpenOption.APPEND)) {
                while (!stop.get()) {
                    out.write(block, 0, 1024);
                    out.flush();
                    Thread.sleep(1); // keeps writing, slowly enough that each read attempt ends
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    /** Writes 64 KB of random bytes to {@code file}: a source to grow. */
    static byte[] randomFile(Path file) throws Exception {
        byte[] block = new byte[1 << 16];
        new java.util.Random(7).nextBytes(block);
        Files.write(file, block);
        return block;
    }

    /** Starts appending 1 KB pieces of {@code block}; returns once the file has grown. */
    static Appender start(Path file, byte[] block) throws Exception {
        long size = Files.size(file);
        Appender a = new Appender(file, block);
        a.writer.start();
        while (Files.size(file) == size) {
            Thread.onSpinWait(); // until the writer is really writing
        }
        return a;
    }

    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        writer.join();
    }
}
