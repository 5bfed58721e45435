package dev.syncwright.jdbc.metadata;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ConflictLogEntry;
import dev.syncwright.core.ConflictResolution;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The conflict log table, with the in-memory store's semantics: sequence numbers 1, 2, 3... with
 * no gaps (taken as max + 1 inside the writing transaction, so a rolled-back entry frees its number,
 * which a database sequence would not), an entry resolved at once unless its resolution is DEFER,
 * and {@code resolve} marking an item's open entries resolved. Values are stored as readable text.
 */
final class ConflictTable {
    private final Db db;
    private final Tables t;
    private final String name;
    // rendered once; the log is written inside sync sessions
    private final String nextSeq;
    private final String insert;
    private final String resolve;
    private final String all;

    ConflictTable(Db db, Tables t) {
        this.db = db;
        this.t = t;
        this.name = t.conflicts;
        this.nextSeq = t.nextConflictSeq();
        this.insert = t.insertConflict();
        this.resolve = t.resolveConflicts();
        this.all = t.allConflicts();
    }

    /** Encodes first (an unsupported value fails before anything is written), then inserts. */
    Runnable prepareInsert(Conflict c) {
        String what = "conflict on item " + c.itemId();
        String src = ValueText.encode(c.sourceValues(), i -> "Source value " + i + " of the " + what);
        String dst = ValueText.encode(c.destinationValues(), i -> "Destination value " + i + " of the " + what);
        String units = Arrays.stream(c.changeUnits()).mapToObj(Integer::toString).collect(Collectors.joining(","));
        // microseconds: what every one of the three databases' BIGINT holds, and what Instant.now() gives on Linux
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        long micros = Math.addExact(Math.multiplyExact(now.getEpochSecond(), 1_000_000L), now.getNano() / 1000);
        return () -> {
            long seq = db.query("Numbering a conflict in", name,
                    nextSeq, Db.NONE, rs -> {
                        rs.next();
                        return rs.getLong(1);
                    });
            db.update("Logging the " + what + " in", name, insert, ps -> {
                        ps.setLong(1, seq);
                        ps.setBytes(2, c.itemId().toBytes());
                        ps.setString(3, c.kind().name());
                        ps.setString(4, c.resolution() == null ? null : c.resolution().name());
                        ps.setString(5, units);
                        ps.setString(6, c.source() == null ? null : c.source().toString());
                        ps.setString(7, c.destination() == null ? null : c.destination().toString());
                        ps.setShort(8, (short) (c.destinationIsRemote() ? 1 : 0));
                        ps.setString(9, src);
                        ps.setString(10, dst);
                        ps.setLong(11, micros);
                        ps.setShort(12, (short) (c.resolution() != ConflictResolution.DEFER ? 1 : 0));
                    });
        };
    }

    void resolve(ItemId id) {
        db.update("Resolving the conflicts of item " + id + " in", name, resolve,
                ps -> ps.setBytes(1, id.toBytes()));
    }

    List<ConflictLogEntry> all() {
        return db.query("Reading the conflict log", name, all, Db.NONE, rs -> {
                    List<ConflictLogEntry> out = new ArrayList<>();
                    while (rs.next()) {
                        out.add(entry(rs));
                    }
                    return List.copyOf(out);
                });
    }

    private ConflictLogEntry entry(ResultSet rs) throws SQLException {
        long seq = rs.getLong(1);
        try {
            byte[] id = rs.getBytes(2);
            String resolution = rs.getString(4);
            String units = rs.getString(5);
            String src = rs.getString(6);
            String dst = rs.getString(7);
            long us = rs.getLong(11);
            Conflict c = new Conflict(ConflictKind.valueOf(rs.getString(3)), ItemId.wrap(id == null ? new byte[0] : id),
                    units == null || units.isEmpty() ? new int[0] : Arrays.stream(units.split(",")).mapToInt(Integer::parseInt).toArray(),
                    src == null ? null : ReplicaId.parse(src), dst == null ? null : ReplicaId.parse(dst),
                    rs.getShort(8) != 0, ValueText.decode(rs.getString(9)), ValueText.decode(rs.getString(10)),
                    resolution == null ? null : ConflictResolution.valueOf(resolution));
            Instant at = Instant.ofEpochSecond(Math.floorDiv(us, 1_000_000L), Math.floorMod(us, 1_000_000L) * 1000L);
            return new ConflictLogEntry(seq, c, at, rs.getShort(12) != 0);
        } catch (IllegalArgumentException e) {
            throw new SyncException("Metadata store table " + name + ": conflict log entry " + seq
                    + " cannot be read (" + e.getMessage() + ")", e);
        }
    }
}
