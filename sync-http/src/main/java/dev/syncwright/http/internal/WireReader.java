package dev.syncwright.http.internal;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ConflictResolution;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.Version;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.EnumerationRequest;
import dev.syncwright.core.spi.ItemChange;
import dev.syncwright.core.spi.PeerRecord;
import dev.syncwright.http.WireFormatException;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Reads what {@link WireWriter} writes, from an untrusted stream: every length is checked against
 * what is left of the body's budget before anything is allocated, every tag and enum name is
 * checked, and anything else than a well-formed body is a {@link WireFormatException} naming what
 * was wrong, never an exception of another kind.
 */
public final class WireReader {
    private final DataInputStream in;
    private long budget;

    /** {@code maxBytes}: the most this body may hold (lengths beyond what is left are refused before allocating). */
    public WireReader(InputStream in, long maxBytes) {
        // buffered: each read of a field from a gzip stream was a call of the native inflater
        this.in = new DataInputStream(in instanceof java.io.BufferedInputStream || in instanceof java.io.ByteArrayInputStream ? in
                : new java.io.BufferedInputStream(in, 16 * 1024));
        this.budget = maxBytes;
    }

    /** A fresh budget for the next part of a long stream (each batch of a change stream has its own). */
    public void budget(long maxBytes) {
        this.budget = maxBytes;
    }

    public boolean bool() {
        byte b = int8();
        if (b != 0 && b != 1) {
            throw new WireFormatException("Expected a boolean (0 or 1), got " + b);
        }
        return b == 1;
    }

    public int int32() {
        spend(4);
        return io(in::readInt);
    }

    public long int64() {
        spend(8);
        return io(in::readLong);
    }

    /** A count of elements that each take at least {@code minBytes}: refused when the body cannot hold that many. */
    public int count(String what, int minBytes) {
        int n = int32();
        if (n < 0 || (long) n * Math.max(1, minBytes) > budget) {
            throw new WireFormatException("A count of " + n + " " + what + " does not fit in the rest of the body");
        }
        return n;
    }

    public byte[] bytes() {
        int n = int32();
        if (n < 0 || n > budget) {
            throw new WireFormatException("A length of " + n + " bytes does not fit in the rest of the body (" + budget + " bytes)");
        }
        spend(n);
        byte[] b = new byte[n];
        io(() -> {
            in.readFully(b);
            return null;
        });
        return b;
    }

    public String text() {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(bytes())).toString();
        } catch (CharacterCodingException e) {
            throw new WireFormatException("A text is not valid UTF-8");
        }
    }

    public String optionalText() {
        return bool() ? text() : null;
    }

    public ItemId itemId() {
        return ItemId.of(bytes());
    }

    public ItemId optionalItemId() {
        return bool() ? itemId() : null;
    }

    public Version version() {
        long packed = int64();
        try {
            return Version.unpack(packed);
        } catch (SyncException | IllegalArgumentException e) {
            throw new WireFormatException("Not a version: " + packed, e);
        }
    }

    /** A peer record: epoch, nonce, delivered, upstream. */
    public PeerRecord peerRecord() {
        return new PeerRecord(int64(), text(), int64(), bool());
    }

    /** A present flag, then a {@link #peerRecord}. */
    public java.util.Optional<PeerRecord> optionalPeerRecord() {
        return bool() ? java.util.Optional.of(peerRecord()) : java.util.Optional.empty();
    }

    /** An epoch and its nonce alone (what a comparison of records looks at), as a record delivering nothing. */
    public PeerRecord epoch() {
        return new PeerRecord(int64(), text(), 0, false);
    }

    public ReplicaId replicaId() {
        String s = text();
        try {
            return ReplicaId.parse(s);
        } catch (RuntimeException e) {
            throw new WireFormatException("Not a replica id: '" + shorten(s) + "'", e);
        }
    }

    public Knowledge knowledge() {
        byte[] b = bytes();
        try {
            return Knowledge.decode(b);
        } catch (RuntimeException e) {
            throw new WireFormatException("Knowledge that does not decode (" + e.getMessage() + ")", e);
        }
    }

    public Knowledge optionalKnowledge() {
        return bool() ? knowledge() : null;
    }

    public EnumerationRequest request() {
        Knowledge k = knowledge();
        Knowledge f = knowledge();
        boolean full = bool();
        int rows = int32();
        long bytes = int64();
        if (rows < 1 || bytes < 1024) {
            throw new WireFormatException("Batch limits of " + rows + " rows and " + bytes + " bytes: at least 1 row and 1 KiB");
        }
        return new EnumerationRequest(k, f, full, rows, bytes);
    }

    public ItemChange change() {
        ItemId id = itemId();
        Version creation = version();
        if (bool()) {
            return wrap(() -> ItemChange.tombstone(id, creation, version()));
        }
        boolean full = bool();
        int n = count("change units", 13);
        int[] units = new int[n];
        Version[] versions = new Version[n];
        Object[] values = new Object[n];
        for (int i = 0; i < n; i++) {
            units[i] = int32();
            versions[i] = version();
            values[i] = value();
        }
        return wrap(() -> ItemChange.live(id, creation, full, units, versions, values));
    }

    public ChangeBatch batch() {
        Knowledge madeWith = knowledge();
        ItemId start = itemId();
        ItemId end = optionalItemId();
        int n = count("changes", 13);
        List<ItemChange> changes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            changes.add(change());
        }
        boolean full = bool();
        int p = count("present items", 4);
        List<ItemId> present = new ArrayList<>(p);
        for (int i = 0; i < p; i++) {
            present.add(itemId());
        }
        Knowledge forgotten = optionalKnowledge();
        int w = count("withheld items", 8);
        Map<ItemId, String> withheld = new LinkedHashMap<>();
        for (int i = 0; i < w; i++) {
            withheld.put(itemId(), text());
        }
        int replicas = madeWith.keys().size();
        for (ItemChange c : changes) {
            requireKeys(c, replicas, "its made-with knowledge");
        }
        // the batch checks its own consistency (items inside its range, in order; last exactly when open-ended)
        return wrap(() -> new ChangeBatch(madeWith, start, end, changes, end == null, full, present, forgotten, withheld));
    }

    /** Every version of a change names a replica of the key map it travels with (a batch's made-with knowledge, a fetched row's keys). */
    public static void requireKeys(ItemChange c, int replicas, String what) {
        boolean ok = c.creationVersion().replicaKey() < replicas
                && (!c.isTombstone() || c.deletionVersion().replicaKey() < replicas);
        for (int i = 0; ok && i < c.unitCount(); i++) {
            ok = c.version(i).replicaKey() < replicas;
        }
        if (!ok) {
            throw new WireFormatException("Change " + c.itemId() + " has a version of a replica that " + what + " does not name");
        }
    }

    public Conflict conflict() {
        ConflictKind kind = name(ConflictKind.class, text());
        ItemId id = itemId();
        int n = count("change units", 4);
        int[] units = new int[n];
        for (int i = 0; i < n; i++) {
            units[i] = int32();
        }
        String source = optionalText();
        String destination = optionalText();
        boolean destinationIsRemote = bool();
        Object[] sv = values();
        Object[] dv = values();
        String resolution = optionalText();
        String detail = optionalText();
        return new Conflict(kind, id, units, source == null ? null : parseReplica(source), destination == null ? null
                : parseReplica(destination), destinationIsRemote, sv, dv, resolution == null ? null
                : name(ConflictResolution.class, resolution), detail);
    }

    private Object[] values() {
        if (!bool()) {
            return null;
        }
        int n = count("values", 1);
        Object[] out = new Object[n];
        for (int i = 0; i < n; i++) {
            out[i] = value();
        }
        return out;
    }

    public Object value() {
        byte tag = int8();
        try {
            return switch (tag) {
                case Tags.NULL -> null;
                case Tags.LONG -> int64();
                case Tags.STRING -> text();
                case Tags.DECIMAL -> {
                    int scale = int32();
                    byte[] unscaled = bytes();
                    if (unscaled.length == 0) {
                        throw new WireFormatException("A decimal without digits");
                    }
                    yield new BigDecimal(new BigInteger(unscaled), scale);
                }
                case Tags.DOUBLE -> Double.longBitsToDouble(int64());
                case Tags.FLOAT -> Float.intBitsToFloat(int32());
                case Tags.FALSE -> false;
                case Tags.TRUE -> true;
                case Tags.BYTES -> bytes();
                case Tags.UUID -> new UUID(int64(), int64());
                case Tags.DATE -> LocalDate.ofEpochDay(int64());
                case Tags.TIME -> LocalTime.ofNanoOfDay(int64());
                case Tags.TIMESTAMP -> LocalDateTime.ofEpochSecond(int64(), int32(), ZoneOffset.UTC);
                case Tags.TIMESTAMPTZ -> {
                    long seconds = int64();
                    int nanos = int32();
                    ZoneOffset offset = ZoneOffset.ofTotalSeconds(int32());
                    yield OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), offset);
                }
                default -> throw new WireFormatException("Unknown value tag " + tag);
            };
        } catch (DateTimeException | ArithmeticException e) {
            throw new WireFormatException("A value of tag " + tag + " out of range: " + e.getMessage(), e);
        }
    }

    /** True when the body has been read to its end. */
    public boolean atEnd() {
        return io(() -> in.read() < 0);
    }

    private byte int8() {
        spend(1);
        return io(in::readByte);
    }

    private void spend(long n) {
        if (n > budget) {
            throw new WireFormatException("The body is longer than its limit allows");
        }
        budget -= n;
    }

    private static ReplicaId parseReplica(String s) {
        try {
            return ReplicaId.parse(s);
        } catch (RuntimeException e) {
            throw new WireFormatException("Not a replica id: '" + shorten(s) + "'", e);
        }
    }

    private static <E extends Enum<E>> E name(Class<E> type, String s) {
        try {
            return Enum.valueOf(type, s);
        } catch (IllegalArgumentException e) {
            throw new WireFormatException("Not a " + type.getSimpleName() + ": '" + shorten(s) + "'");
        }
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 57) + "..." : s;
    }

    private interface Build<T> {
        T get();
    }

    /** The core's own checks (a batch's items inside its range, units increasing) as wire-format errors. */
    private static <T> T wrap(Build<T> b) {
        try {
            return b.get();
        } catch (WireFormatException e) {
            throw e;
        } catch (SyncException | IllegalArgumentException | NullPointerException e) {
            throw new WireFormatException("Inconsistent body: " + e.getMessage(), e);
        }
    }

    private interface IoRead<T> {
        T read() throws IOException;
    }

    private static <T> T io(IoRead<T> r) {
        try {
            return r.read();
        } catch (EOFException e) {
            throw new WireFormatException("The body ends too early (truncated?)", e);
        } catch (java.util.zip.ZipException e) {
            throw new WireFormatException("The body is not valid compressed data (" + e.getMessage() + ")", e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
