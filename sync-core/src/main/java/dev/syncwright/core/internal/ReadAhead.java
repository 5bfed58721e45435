package dev.syncwright.core.internal;

import dev.syncwright.core.SyncException;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.ChangeEnumeration;
import java.util.NoSuchElementException;
import java.util.OptionalLong;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Enumerates the source's next batch on its own thread while the destination applies the current
 * one, so the source's reads and the destination's writes overlap (two databases, two cores).
 *
 * <p>At most {@link #AHEAD} batches wait, so memory stays bounded. Nothing about what is sent
 * changes: the enumeration was fixed by the destination's knowledge when it started, the batches
 * arrive in their order, and a batch read ahead but never applied is simply not committed anywhere.
 * The wrapped enumeration is only touched by the reading thread until {@link #close()} has joined
 * it; a failure there is rethrown to the caller of {@link #hasNext()}.
 */
final class ReadAhead implements ChangeEnumeration {
    static final int AHEAD = 1;
    private static final Object END = new Object();

    private final ChangeEnumeration source;
    private final OptionalLong estimate;
    private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(AHEAD);
    private final Thread reader;
    private volatile boolean stopped;
    private Object next;

    private record Failure(Throwable error) {}

    ReadAhead(ChangeEnumeration source, String name) {
        this.source = source;
        this.estimate = source.estimatedChanges();
        this.reader = new Thread(this::read, name);
        reader.setDaemon(true);
        reader.start();
    }

    private void read() {
        try {
            while (!stopped && source.hasNext()) {
                if (!hand(source.next())) {
                    return;
                }
            }
            hand(END);
        } catch (Throwable t) {
            hand(new Failure(t));
        }
    }

    /** Waits for room in the queue; false once the consumer has stopped. */
    private boolean hand(Object item) {
        try {
            while (!stopped) {
                if (queue.offer(item, 50, TimeUnit.MILLISECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return false;
    }

    @Override
    public OptionalLong estimatedChanges() {
        return estimate;
    }

    @Override
    public boolean hasNext() {
        if (next == null) {
            try {
                next = queue.take();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new SyncException("Interrupted while waiting for the next batch of the source", e);
            }
        }
        if (next instanceof Failure f) {
            Throwable t = f.error();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
            throw new SyncException("Enumerating the source failed: " + t.getMessage(), t);
        }
        return next != END;
    }

    @Override
    public ChangeBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ChangeBatch b = (ChangeBatch) next;
        next = null;
        return b;
    }

    /** Stops the reader after the batch it is reading (never mid-statement), then closes the source on this thread. */
    @Override
    public void close() {
        stopped = true;
        queue.clear();
        boolean interrupted = false;
        while (reader.isAlive()) {
            try {
                reader.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        source.close();
    }
}
