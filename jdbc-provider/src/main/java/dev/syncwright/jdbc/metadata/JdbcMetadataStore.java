package dev.syncwright.jdbc.metadata;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictLogEntry;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.Version;
import dev.syncwright.core.spi.ItemMetadata;
import dev.syncwright.core.spi.MetadataStore;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.Dialects;
import dev.syncwright.dialect.SqlFailure;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.sql.DataSource;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * The Metadata Storage Service on JDBC: a replica's id, clock, knowledge, forgotten knowledge,
 * item metadata (with a custom-field index) and conflict log in tables named
 * {@code syncwright_meta_*}, on SQLite, PostgreSQL or MariaDB/MySQL. Same semantics as
 * {@link dev.syncwright.core.memory.InMemoryMetadataStore}, made durable.
 *
 * <pre>{@code
 * JdbcMetadataStore store = JdbcMetadataStore.sqliteFile(Path.of("app.sync.db"), null); // id made on first open
 * JdbcMetadataStore onServer = JdbcMetadataStore.on(dataSource).tablePrefix("syncwright_meta_files_").open();
 * }</pre>
 *
 * <p>A store holds one connection from its data source until {@link #close()}, and is meant for
 * one thread at a time, like the provider that owns it. It must be the only writer of its tables:
 * it keeps the clock and the knowledge in memory between writes (re-read after a rollback). Between
 * {@link #begin()} and {@link #commit()} every write is in the connection's transaction and
 * {@link #rollback()} undoes all of it; outside, each write commits by itself.
 *
 * <p>{@link #items} and {@link #itemsChangedAfter} stream in item-id order (unsigned bytes) with
 * memory bounded by the page size; see ADR 030 ({@code jdbc-provider/docs/adr}).
 *
 * <p>Custom-field and conflict values may be String, Integer, Long, Short, Byte, Boolean, Double,
 * Float, byte[], UUID, BigDecimal, BigInteger, LocalDate, LocalTime, LocalDateTime, OffsetDateTime,
 * Instant or null; each comes back as the same type and equal value. Others are refused with an
 * {@link UnsupportedValueException} naming the field. Unlike the in-memory store's hash index,
 * {@link #findByCustomField} compares byte arrays by content; a store opened with
 * {@code customFieldIndex(false)} keeps no index and refuses that lookup. Database errors are
 * {@link SqlFailure}s naming the table.
 */
public final class JdbcMetadataStore implements MetadataStore {
    private final Db db;
    private final Tables t;
    private final ConflictTable conflicts;
    private final FieldIndex index;
    private final ReplicaId replicaId;
    private final int pageSize;
    private final int sortBufferLimit;
    private final String itemsName;
    private final String indexName;
    private final String upsertItem;
    // cached replica row (sole writer); re-read after every rollback
    private long ticks;
    private Knowledge knowledge;
    private Knowledge forgotten;
    private final String selectItem;
    private final String deleteItem;
    private final String changedIds;
    private final String byCustomField;
    private final java.util.Map<String, String> shapes = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, String> replicaUpdates = new java.util.concurrent.ConcurrentHashMap<>();

    private JdbcMetadataStore(Db db, Tables t, ReplicaId replicaId, int pageSize, int sortBufferLimit, boolean fieldIndex) {
        this.db = db;
        this.t = t;
        this.conflicts = new ConflictTable(db, t);
        this.index = new FieldIndex(db, t, fieldIndex);
        this.replicaId = replicaId;
        this.pageSize = pageSize;
        this.sortBufferLimit = sortBufferLimit;
        this.itemsName = t.items;
        this.indexName = t.fieldIndex;
        this.upsertItem = t.upsert(true, Tables.ITEM_COLUMNS, 1);
        this.selectItem = t.item();
        this.deleteItem = t.deleteItem();
        this.changedIds = t.changedIds(sortBufferLimit + 1L);
        this.byCustomField = t.byCustomField();
    }

    /**
     * Opens the store in a SQLite file, creating the file (and its directory) and the tables if
     * needed. With a null {@code replicaId} a new store gets a random id and an existing one keeps
     * its own; a non-null id must match the one stored.
     */
    public static JdbcMetadataStore sqliteFile(Path file, ReplicaId replicaId) {
        return on(sqliteDataSource(file)).replicaId(replicaId).open();
    }

    /**
     * The data source {@link #sqliteFile} opens (WAL, immediate transactions), creating the file's
     * directory: for {@link #on} with other options, {@code on(sqliteDataSource(file)).customFieldIndex(false).open()}.
     */
    public static DataSource sqliteDataSource(Path file) {
        Path abs = file.toAbsolutePath();
        try {
            if (abs.getParent() != null) {
                Files.createDirectories(abs.getParent());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create the directory of metadata store " + abs, e);
        }
        SQLiteConfig config = new SQLiteConfig();
        // WAL: readers in other processes (status tools) do not block the writer; IMMEDIATE: a
        // transaction takes the write lock at begin, so it cannot fail half-way on a lock upgrade
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        config.setBusyTimeout(10_000);
        config.setGetGeneratedKeys(false); // else the driver asks for the last row id after every write
        SQLiteDataSource ds = new SQLiteDataSource(config);
        ds.setUrl("jdbc:sqlite:" + abs);
        return ds;
    }

    /** Opens the store with the default table prefix on any SQLite, PostgreSQL or MariaDB/MySQL data source. */
    public static JdbcMetadataStore open(DataSource dataSource, ReplicaId replicaId) {
        return on(dataSource).replicaId(replicaId).open();
    }

    public static Builder on(DataSource dataSource) {
        return new Builder(dataSource);
    }

    /** Options of {@link #open}. */
    public static final class Builder {
        private final DataSource dataSource;
        private ReplicaId replicaId;
        private String prefix = Tables.DEFAULT_PREFIX;
        private int pageSize = 500;
        private int sortBufferLimit = 50_000;
        private boolean fieldIndex = true;

        private Builder(DataSource dataSource) {
            this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        }

        /** The replica id a new store gets, and an existing one must have; null = generate / keep. */
        public Builder replicaId(ReplicaId id) {
            this.replicaId = id;
            return this;
        }

        /** Table name prefix (default {@code syncwright_meta_}): several stores can share one database. */
        public Builder tablePrefix(String prefix) {
            this.prefix = Objects.requireNonNull(prefix, "prefix");
            return this;
        }

        /** Items per page when streaming (default 500): the memory bound of an iteration. */
        public Builder pageSize(int rows) {
            if (rows < 1) {
                throw new SyncException("pageSize must be at least 1, not " + rows);
            }
            this.pageSize = rows;
            return this;
        }

        /**
         * At most this many changed item ids are sorted in memory by {@link #itemsChangedAfter}
         * (default 50,000); beyond it the store scans the items in key order instead.
         */
        public Builder sortBufferLimit(int ids) {
            if (ids < 0) {
                throw new SyncException("sortBufferLimit must not be negative, not " + ids);
            }
            this.sortBufferLimit = ids;
            return this;
        }

        /**
         * Keep the custom-field index (default true). Without it an item write is one statement
         * instead of one per custom field and two, and {@link #findByCustomField} is refused: for
         * callers that never look items up by a field. Tables used without the index get it rebuilt
         * when they are next opened with it (see {@link FieldIndex}).
         */
        public Builder customFieldIndex(boolean keep) {
            this.fieldIndex = keep;
            return this;
        }

        public JdbcMetadataStore open() {
            Connection c;
            try {
                c = dataSource.getConnection();
            } catch (SQLException e) {
                throw new SqlFailure("Connecting to the database of", "the JDBC metadata store", e);
            }
            Dialect dialect;
            try {
                dialect = Dialects.detect(c);
            } catch (RuntimeException e) {
                try {
                    c.close();
                } catch (SQLException x) {
                    e.addSuppressed(x);
                }
                throw e;
            }
            Db db = new Db(c, dialect);
            try {
                c.setAutoCommit(true);
                Tables t = new Tables(db.dialect, prefix);
                ReplicaId id = Schema.openOrCreate(db, t, replicaId);
                JdbcMetadataStore s = new JdbcMetadataStore(db, t, id, pageSize, sortBufferLimit, fieldIndex);
                s.index.open(() -> s.items(null, null));
                s.load();
                return s;
            } catch (SQLException e) {
                db.close();
                throw new SqlFailure("Opening", "the JDBC metadata store", e);
            } catch (RuntimeException e) {
                try {
                    db.close();
                } catch (RuntimeException x) {
                    e.addSuppressed(x);
                }
                throw e;
            }
        }
    }

    /** (Re-)reads the replica row: after open and after every rollback. */
    private void load() {
        String name = t.replica;
        Object[] row = db.query("Reading the replica row of", name, t.replicaRow("tick_count", "knowledge", "forgotten"),
                Db.NONE, rs -> rs.next() ? new Object[] {rs.getLong(1), rs.getBytes(2), rs.getBytes(3)} : null);
        if (row == null) {
            throw new SyncException("Metadata store table " + name + " has lost its replica row");
        }
        ticks = (Long) row[0];
        knowledge = decode((byte[]) row[1], "knowledge");
        forgotten = decode((byte[]) row[2], "forgotten knowledge");
    }

    private Knowledge decode(byte[] b, String what) {
        Knowledge k;
        try {
            k = Knowledge.decode(b);
        } catch (SyncException e) {
            throw new SyncException("Metadata store table " + t.replica + ": the stored " + what
                    + " cannot be decoded: " + e.getMessage(), e);
        }
        if (!replicaId.equals(k.keys().self())) {
            throw new SyncException("Metadata store table " + t.replica + ": the stored " + what
                    + " belongs to replica " + k.keys().self() + ", not " + replicaId);
        }
        return k;
    }

    // ---- replica ----

    @Override
    public ReplicaId replicaId() {
        return replicaId;
    }

    @Override
    public long tickCount() {
        return ticks;
    }

    @Override
    public long nextTick() {
        long next = ticks + 1;
        Version.local(next); // refuses a tick beyond Version.MAX_TICK before it is stored
        updateReplica("tick_count", "Advancing the clock in", ps -> ps.setLong(1, next));
        ticks = next;
        return next;
    }

    @Override
    public Knowledge knowledge() {
        return knowledge;
    }

    @Override
    public void saveKnowledge(Knowledge k) {
        byte[] b = Objects.requireNonNull(k, "knowledge").encode();
        updateReplica("knowledge", "Saving the knowledge in", ps -> ps.setBytes(1, b));
        knowledge = k;
    }

    @Override
    public Knowledge forgottenKnowledge() {
        return forgotten;
    }

    @Override
    public void saveForgottenKnowledge(Knowledge f) {
        byte[] b = Objects.requireNonNull(f, "forgotten knowledge").encode();
        updateReplica("forgotten", "Saving the forgotten knowledge in", ps -> ps.setBytes(1, b));
        forgotten = f;
    }

    private void updateReplica(String column, String action, Db.Binder value) {
        db.update(action, t.replica, replicaUpdates.computeIfAbsent(column, t::updateReplica), value);
    }

    // ---- items ----

    @Override
    public ItemMetadata item(ItemId id) {
        return db.query("Reading item " + id + " from", itemsName, selectItem, ps -> ps.setBytes(1, id.toBytes()),
                rs -> rs.next() ? item(rs) : null);
    }

    @Override
    public void putItem(ItemMetadata m) {
        ItemId id = m.itemId();
        checkIdLength(id);
        // everything that can be refused is encoded before the first write
        byte[] key = id.toBytes();
        byte[] units = ItemCodec.encodeUnits(m.unitVersions());
        byte[] fields = ItemCodec.encodeFields(m.customFields(), id);
        List<Object[]> entries = index.entries(id, m.customFields());
        atomically(() -> {
            db.update("Writing item " + id + " to", itemsName, upsertItem, ps -> {
                        ps.setBytes(1, key);
                        ps.setLong(2, m.creationVersion().pack());
                        if (m.deletionVersion() == null) {
                            ps.setNull(3, java.sql.Types.BIGINT);
                        } else {
                            ps.setLong(3, m.deletionVersion().pack());
                        }
                        setBlob(ps, 4, units);
                        ps.setLong(5, m.localTick());
                        setBlob(ps, 6, fields);
                    });
            index.put(id, key, entries);
        });
    }

    @Override
    public void removeItem(ItemId id) {
        byte[] key = id.toBytes();
        atomically(() -> {
            db.update("Removing item " + id + " from", itemsName, deleteItem, ps -> ps.setBytes(1, key));
            index.drop(id, key);
        });
    }

    @Override
    public Iterator<ItemMetadata> items(ItemId from, ItemId toExclusive) {
        if (toExclusive != null && toExclusive.length() == 0) {
            return Collections.emptyIterator(); // nothing sorts before the empty id
        }
        boolean hasFrom = from != null && from.length() > 0; // the empty id is the minimum: no bound
        return new Pages(after -> {
            boolean lower = after != null || hasFrom;
            String sql = page(toExclusive != null, lower, after != null);
            return Pages.Page.of(itemList("Reading items from", sql, ps -> {
                int i = 1;
                if (toExclusive != null) {
                    ps.setBytes(i++, toExclusive.toBytes());
                }
                if (lower) {
                    ps.setBytes(i, (after != null ? after : from).toBytes());
                }
            }), pageSize);
        });
    }

    /**
     * Items with a local tick above {@code tick}, in id order. The (local_tick, item_id) index finds
     * them in O(changes); up to {@code sortBufferLimit} of their ids are sorted here and read back in
     * id order page by page. A larger change set is streamed by a key-order scan instead (its cost is
     * then the table's, which such a change set is close to anyway), so memory stays bounded.
     */
    @Override
    public Iterator<ItemMetadata> itemsChangedAfter(long tick) {
        List<ItemId> ids = db.query("Finding items changed after tick " + tick + " in", itemsName,
                changedIds, ps -> ps.setLong(1, tick), rs -> {
                    List<ItemId> l = new ArrayList<>();
                    while (rs.next()) {
                        l.add(itemId(rs.getBytes(1)));
                    }
                    return l;
                });
        if (ids.size() > sortBufferLimit) {
            return new Pages(after -> Pages.Page.of(itemList("Reading changed items from",
                    rendered(after != null ? "changedAfter" : "changed", () -> t.changedPage(after != null, pageSize)),
                    ps -> {
                        ps.setLong(1, tick);
                        if (after != null) {
                            ps.setBytes(2, after.toBytes());
                        }
                    }), pageSize));
        }
        Collections.sort(ids);
        int chunk = Math.min(pageSize, 500); // bind parameters per statement stay well below every driver's limit
        int[] pos = {0};
        return new Pages(after -> {
            if (pos[0] >= ids.size()) {
                return new Pages.Page(List.of(), null, true);
            }
            List<ItemId> part = ids.subList(pos[0], Math.min(ids.size(), pos[0] + chunk));
            pos[0] += part.size();
            String sql = rendered("among" + part.size(), () -> t.changedAmong(part.size()));
            List<ItemMetadata> items = itemList("Reading changed items from", sql, ps -> {
                ps.setLong(1, tick);
                for (int i = 0; i < part.size(); i++) {
                    ps.setBytes(i + 2, part.get(i).toBytes());
                }
            });
            return new Pages.Page(items, null, pos[0] >= ids.size());
        });
    }

    @Override
    public ItemMetadata findByCustomField(int field, Object value) {
        byte[] key = index.lookupKey(field, value);
        return db.query("Looking up custom field " + field + " in", indexName, byCustomField, ps -> {
                    ps.setInt(1, field);
                    ps.setBytes(2, key);
                }, rs -> rs.next() ? item(rs) : null);
    }

    /** A page query of {@link #items}, rendered once per shape. */
    private String page(boolean upper, boolean lower, boolean strict) {
        return rendered("page" + upper + lower + strict, () -> t.itemsPage(upper, lower, strict, pageSize));
    }

    /** A statement whose shape varies (bounds, the length of an IN list): rendered the first time, then cached. */
    private String rendered(String shape, java.util.function.Supplier<String> render) {
        return shapes.computeIfAbsent(shape, s -> render.get());
    }

    private void checkIdLength(ItemId id) {
        int max = t.options.maxKeyBytes();
        if (max > 0 && id.length() > max) {
            throw new SyncException("Item id " + id + " is " + id.length() + " bytes; metadata table " + itemsName
                    + " on " + t.dialect.product().name() + " holds ids of at most " + max + " bytes");
        }
    }

    private List<ItemMetadata> itemList(String action, String sql, Db.Binder binder) {
        return db.query(action, itemsName, sql, binder, rs -> {
            List<ItemMetadata> l = new ArrayList<>();
            while (rs.next()) {
                l.add(item(rs));
            }
            return l;
        });
    }

    private ItemMetadata item(ResultSet rs) throws SQLException {
        ItemId id = itemId(rs.getBytes(1));
        try {
            Version cv = Version.unpack(rs.getLong(2));
            long dv = rs.getLong(3);
            Version deletion = rs.wasNull() ? null : Version.unpack(dv);
            Version[] units = ItemCodec.decodeUnits(rs.getBytes(4));
            long tick = rs.getLong(5);
            Map<Integer, Object> fields = ItemCodec.decodeFields(rs.getBytes(6));
            return new ItemMetadata(id, cv, deletion, units, tick, fields);
        } catch (IllegalArgumentException | SyncException e) {
            throw new SyncException("Metadata store table " + itemsName + ": the row of item " + id
                    + " is corrupted (" + e.getMessage() + ")", e);
        }
    }

    /** Some drivers return null for a zero-length BLOB; the column is NOT NULL, so null is the empty id. */
    private static ItemId itemId(byte[] b) {
        return ItemId.wrap(b == null ? new byte[0] : b);
    }

    private static void setBlob(PreparedStatement ps, int i, byte[] b) throws SQLException {
        if (b == null) {
            ps.setNull(i, java.sql.Types.BINARY);
        } else {
            ps.setBytes(i, b);
        }
    }

    // ---- conflict log ----

    @Override
    public void logConflict(Conflict conflict) {
        Runnable insert = conflicts.prepareInsert(Objects.requireNonNull(conflict, "conflict"));
        atomically(insert);
    }

    @Override
    public void resolveConflicts(ItemId id) {
        conflicts.resolve(id);
    }

    @Override
    public List<ConflictLogEntry> conflictLog() {
        return conflicts.all();
    }

    // ---- transactions ----

    @Override
    public void begin() {
        db.begin(t.prefix + "*");
    }

    @Override
    public void commit() {
        try {
            db.commit(t.prefix + "*");
        } catch (RuntimeException e) {
            reloadAfterFailure(e);
            throw e;
        }
    }

    @Override
    public void rollback() {
        if (!db.inTransaction()) {
            return;
        }
        db.rollback(t.prefix + "*");
        load();
    }

    /** A write of several statements outside a transaction still commits as one. */
    private void atomically(Runnable work) {
        if (db.inTransaction()) {
            work.run();
            return;
        }
        begin();
        try {
            work.run();
            commit();
        } catch (RuntimeException e) {
            try {
                rollback();
            } catch (RuntimeException r) {
                e.addSuppressed(r);
            }
            throw e;
        }
    }

    private void reloadAfterFailure(RuntimeException e) {
        try {
            load();
        } catch (RuntimeException r) {
            e.addSuppressed(r);
        }
    }

    /** Rolls back an open transaction and releases the connection. */
    @Override
    public void close() {
        db.close();
    }

    /** The table names (tests reach the tables directly). */
    Tables tables() {
        return t;
    }

    @Override
    public String toString() {
        return "JdbcMetadataStore{" + replicaId + " on " + t.dialect.product() + ", tables " + t.prefix + "*}";
    }
}
