package dev.syncwright.http.internal;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.Version;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.EnumerationRequest;
import dev.syncwright.core.spi.ItemChange;
import dev.syncwright.core.spi.PeerRecord;
import dev.syncwright.http.WireFormatException;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.UUID;

/**
 * Writes the wire format of the sync protocol (docs/protocol.md): big-endian, length-prefixed,
 * each value tagged with its canonical type, so that what a provider reads on one side is exactly
 * what the other side's provider writes. {@link WireReader} reads it back.
 */
public final class WireWriter {
    private final DataOutputStream out;

    /** Buffered: each write of a field into a gzip stream was a call of the native deflater (half the server's CPU on a download). */
    public WireWriter(OutputStream out) {
        this.out = new DataOutputStream(new java.io.BufferedOutputStream(out, 16 * 1024));
    }

    public WireWriter bool(boolean b) {
        return io(() -> out.writeBoolean(b));
    }

    public WireWriter int32(int v) {
        return io(() -> out.writeInt(v));
    }

    public WireWriter int64(long v) {
        return io(() -> out.writeLong(v));
    }

    public WireWriter bytes(byte[] b) {
        return io(() -> {
            out.writeInt(b.length);
            out.write(b);
        });
    }

    public WireWriter text(String s) {
        return bytes(s.getBytes(StandardCharsets.UTF_8));
    }

    /** A string that may be null. */
    public WireWriter optionalText(String s) {
        bool(s != null);
        return s == null ? this : text(s);
    }

    public WireWriter itemId(ItemId id) {
        return bytes(id.toBytes());
    }

    public WireWriter optionalItemId(ItemId id) {
        bool(id != null);
        return id == null ? this : itemId(id);
    }

    public WireWriter version(Version v) {
        return int64(v.pack());
    }

    public WireWriter replicaId(ReplicaId id) {
        return text(id.toString());
    }

    /** A peer record: epoch, nonce, delivered, upstream ({@link WireReader#peerRecord}). */
    public WireWriter peerRecord(PeerRecord r) {
        return epoch(r).int64(r.delivered()).bool(r.upstream());
    }

    public WireWriter optionalPeerRecord(java.util.Optional<PeerRecord> r) {
        bool(r.isPresent());
        return r.isPresent() ? peerRecord(r.get()) : this;
    }

    /** The epoch and nonce of {@code r} alone ({@link WireReader#epoch}). */
    public WireWriter epoch(PeerRecord r) {
        return int64(r.epoch()).text(r.nonce());
    }

    public WireWriter knowledge(Knowledge k) {
        return bytes(k.encode());
    }

    public WireWriter optionalKnowledge(Knowledge k) {
        bool(k != null);
        return k == null ? this : knowledge(k);
    }

    public WireWriter request(EnumerationRequest r) {
        knowledge(r.destinationKnowledge());
        knowledge(r.destinationForgotten());
        bool(r.fullEnumeration());
        int32(r.batchSizeRows());
        return int64(r.batchSizeBytes());
    }

    public WireWriter change(ItemChange c) {
        itemId(c.itemId());
        version(c.creationVersion());
        bool(c.isTombstone());
        if (c.isTombstone()) {
            return version(c.deletionVersion());
        }
        bool(c.isFullRow());
        int32(c.unitCount());
        for (int i = 0; i < c.unitCount(); i++) {
            int32(c.unit(i));
            version(c.version(i));
            value(c.value(i));
        }
        return this;
    }

    public WireWriter batch(ChangeBatch b) {
        knowledge(b.madeWith());
        itemId(b.rangeStart());
        optionalItemId(b.rangeEnd());
        int32(b.changes().size());
        b.changes().forEach(this::change);
        bool(b.fullEnumeration());
        int32(b.presentItems().size());
        b.presentItems().forEach(this::itemId);
        optionalKnowledge(b.sourceForgotten());
        int32(b.withheld().size());
        for (Map.Entry<ItemId, String> w : b.withheld().entrySet()) {
            itemId(w.getKey());
            text(w.getValue());
        }
        return this;
    }

    public WireWriter conflict(Conflict c) {
        text(c.kind().name());
        itemId(c.itemId());
        int32(c.changeUnits().length);
        for (int u : c.changeUnits()) {
            int32(u);
        }
        optionalText(c.source() == null ? null : c.source().toString());
        optionalText(c.destination() == null ? null : c.destination().toString());
        bool(c.destinationIsRemote());
        values(c.sourceValues());
        values(c.destinationValues());
        optionalText(c.resolution() == null ? null : c.resolution().name());
        return optionalText(c.detail());
    }

    private void values(Object[] vs) {
        bool(vs != null);
        if (vs != null) {
            int32(vs.length);
            for (Object v : vs) {
                value(v);
            }
        }
    }

    /** A canonical value with its type tag ({@link Tags}). */
    public WireWriter value(Object v) {
        return io(() -> {
            if (v == null) {
                out.writeByte(Tags.NULL);
            } else if (v instanceof Long x) {
                out.writeByte(Tags.LONG);
                out.writeLong(x);
            } else if (v instanceof String s) {
                out.writeByte(Tags.STRING);
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                out.writeInt(b.length);
                out.write(b);
            } else if (v instanceof BigDecimal d) {
                out.writeByte(Tags.DECIMAL);
                out.writeInt(d.scale());
                byte[] b = d.unscaledValue().toByteArray();
                out.writeInt(b.length);
                out.write(b);
            } else if (v instanceof Double d) {
                out.writeByte(Tags.DOUBLE);
                out.writeLong(Double.doubleToRawLongBits(d));
            } else if (v instanceof Float f) {
                out.writeByte(Tags.FLOAT);
                out.writeInt(Float.floatToRawIntBits(f));
            } else if (v instanceof Boolean b) {
                out.writeByte(b ? Tags.TRUE : Tags.FALSE);
            } else if (v instanceof byte[] b) {
                out.writeByte(Tags.BYTES);
                out.writeInt(b.length);
                out.write(b);
            } else if (v instanceof UUID u) {
                out.writeByte(Tags.UUID);
                out.writeLong(u.getMostSignificantBits());
                out.writeLong(u.getLeastSignificantBits());
            } else if (v instanceof LocalDate d) {
                out.writeByte(Tags.DATE);
                out.writeLong(d.toEpochDay());
            } else if (v instanceof LocalTime t) {
                out.writeByte(Tags.TIME);
                out.writeLong(t.toNanoOfDay());
            } else if (v instanceof LocalDateTime t) {
                out.writeByte(Tags.TIMESTAMP);
                out.writeLong(t.toEpochSecond(ZoneOffset.UTC));
                out.writeInt(t.getNano());
            } else if (v instanceof OffsetDateTime t) {
                out.writeByte(Tags.TIMESTAMPTZ);
                out.writeLong(t.toEpochSecond());
                out.writeInt(t.getNano());
                out.writeInt(t.getOffset().getTotalSeconds());
            } else {
                throw new WireFormatException("A value of type " + v.getClass().getName() + " cannot travel: providers hand "
                        + "the runtime canonical types only (Long, String, BigDecimal, Double, Float, Boolean, byte[], UUID, "
                        + "LocalDate, LocalTime, LocalDateTime, OffsetDateTime)");
            }
        });
    }

    public void flush() {
        io(out::flush);
    }

    private interface Io {
        void run() throws IOException;
    }

    private WireWriter io(Io action) {
        try {
            action.run();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
