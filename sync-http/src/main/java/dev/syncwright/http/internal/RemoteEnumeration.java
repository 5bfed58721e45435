package dev.syncwright.http.internal;

import dev.syncwright.core.SyncException;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.ChangeEnumeration;
import java.io.IOException;
import java.io.InputStream;
import java.util.NoSuchElementException;
import java.util.OptionalLong;

/** A change stream read frame by frame as the session asks for batches: one batch in memory at a time. */
public final class RemoteEnumeration implements ChangeEnumeration {
    private final InputStream in;
    private final WireReader reader;
    private final OptionalLong estimate;
    private final Runnable onContent;
    private ChangeBatch next;
    private boolean done;

    /** @param onContent run for each batch that carries more than knowledge (changes, items present, items withheld) */
    public RemoteEnumeration(InputStream in, Runnable onContent) {
        this.in = in;
        this.onContent = onContent;
        this.reader = new WireReader(in, HttpCalls.MAX_PART_BYTES);
        try {
            this.estimate = reader.bool() ? OptionalLong.of(reader.int64()) : OptionalLong.empty();
        } catch (dev.syncwright.http.WireFormatException | java.io.UncheckedIOException e) {
            // cut before its first batch (the estimate is read as the stream begins): a failed sync that the next one repeats
            close();
            throw new SyncException("The change stream from the server broke off before its first batch (" + e.getMessage() + "); "
                    + "the next sync asks again", e);
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    @Override
    public OptionalLong estimatedChanges() {
        return estimate;
    }

    @Override
    public boolean hasNext() {
        if (next == null && !done) {
            advance();
        }
        return next != null;
    }

    @Override
    public ChangeBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        ChangeBatch b = next;
        next = null;
        if (!b.changes().isEmpty() || !b.presentItems().isEmpty() || !b.withheld().isEmpty()) {
            onContent.run();
        }
        if (b.last()) {
            done = true;
        }
        return b;
    }

    private void advance() {
        try {
            read();
        } catch (dev.syncwright.http.WireFormatException | java.io.UncheckedIOException e) {
            done = true;
            throw new SyncException("The change stream from the server broke off (" + e.getMessage() + "); the batches applied "
                    + "so far are committed, and the next sync goes on after them", e);
        }
    }

    private void read() {
        reader.budget(HttpCalls.MAX_PART_BYTES);
        int frame = reader.int32();
        switch (frame) {
            case Protocol.FRAME_BATCH -> next = reader.batch();
            case Protocol.FRAME_END -> {
                done = true;
                throw new SyncException("The server's change stream ended without its last batch");
            }
            case Protocol.FRAME_ERROR -> {
                done = true;
                throw new SyncException("The server failed while sending changes: " + reader.text());
            }
            default -> throw new SyncException("Not a frame of a change stream: " + frame);
        }
    }

    @Override
    public void close() {
        try {
            in.close();
        } catch (IOException ignored) {
            // the session is over either way
        }
    }
}
