package dev.syncwright.jdbc.metadata;

import static org.jooq.impl.DSL.excluded;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.param;
import static org.jooq.impl.DSL.primaryKey;
import static org.jooq.impl.DSL.table;

import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.MetadataTables;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.jooq.Condition;
import org.jooq.CreateTableElementListStep;
import org.jooq.DSLContext;
import org.jooq.DataType;
import org.jooq.Field;
import org.jooq.Index;
import org.jooq.OrderField;
import org.jooq.Table;
import org.jooq.conf.Settings;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

/**
 * Names, DDL and statements of the metadata tables for one prefix on one database, rendered by jOOQ
 * for the dialect's {@link Dialect#sqlDialect()} once, when the store opens: the store then only
 * prepares these strings and binds values. The replica table is the anchor every schema version
 * keeps (a single row, key 1, with {@code schema_version}), so that a store can tell which version
 * wrote the others before it touches them.
 */
final class Tables {
    /** The schema this code writes. Bump it together with a migration step in {@link JdbcMetadataStore}. */
    static final int SCHEMA_VERSION = 1;
    static final String DEFAULT_PREFIX = "syncwright_meta_";
    private static final Pattern PREFIX = Pattern.compile("[a-z][a-z0-9_]{0,39}");

    static {
        // jOOQ prints a banner and tips through the application's logging on first use; a library should not
        if (System.getProperty("org.jooq.no-logo") == null) {
            System.setProperty("org.jooq.no-logo", "true");
        }
        if (System.getProperty("org.jooq.no-tips") == null) {
            System.setProperty("org.jooq.no-tips", "true");
        }
    }

    // the columns, typed for jOOQ's rendering (types per database are jOOQ's: BLOB is bytea, longblob or blob)
    static final Field<byte[]> ITEM_ID = field(name("item_id"), SQLDataType.BLOB);
    static final Field<Long> CREATION_VERSION = field(name("creation_version"), SQLDataType.BIGINT);
    static final Field<Long> DELETION_VERSION = field(name("deletion_version"), SQLDataType.BIGINT);
    static final Field<byte[]> UNIT_VERSIONS = field(name("unit_versions"), SQLDataType.BLOB);
    static final Field<Long> LOCAL_TICK = field(name("local_tick"), SQLDataType.BIGINT);
    static final Field<byte[]> CUSTOM_FIELDS = field(name("custom_fields"), SQLDataType.BLOB);
    static final Field<Integer> FIELD_ID = field(name("field_id"), SQLDataType.INTEGER);
    static final Field<byte[]> VALUE_KEY = field(name("value_key"), SQLDataType.BLOB);
    /** The item columns, in the order {@link JdbcMetadataStore} reads and writes them. */
    static final List<Field<?>> ITEM_COLUMNS = List.of(ITEM_ID, CREATION_VERSION, DELETION_VERSION, UNIT_VERSIONS, LOCAL_TICK,
            CUSTOM_FIELDS);

    final Dialect dialect;
    final MetadataTables options;
    final String prefix;
    /** The tables' names, for messages. */
    final String replica;
    final String items;
    final String fieldIndex;
    final String conflicts;
    private final DSLContext sql;
    private final Table<?> itemsTable;
    private final Table<?> indexTable;

    Tables(Dialect dialect, String prefix) {
        if (!PREFIX.matcher(prefix).matches()) {
            // lower case only: PostgreSQL folds, MariaDB on some systems compares table names case-insensitively
            throw new dev.syncwright.core.SyncException("Metadata table prefix '" + prefix
                    + "' is not allowed: use 1 to 40 characters a-z, 0-9 and _, starting with a letter");
        }
        this.dialect = dialect;
        this.options = dialect.metadataTables();
        this.prefix = prefix;
        this.sql = DSL.using(dialect.sqlDialect(), new Settings().withRenderFormatted(false).withExecuteLogging(false));
        this.itemsTable = table(name(prefix + "items"));
        this.indexTable = table(name(prefix + "field_index"));
        this.replica = prefix + "replica";
        this.items = prefix + "items";
        this.fieldIndex = prefix + "field_index";
        this.conflicts = prefix + "conflicts";
    }

    String createReplica() {
        return create(sql.createTableIfNotExists(name(prefix + "replica"))
                .column(name("id"), SQLDataType.INTEGER.notNull())
                .column(name("schema_version"), SQLDataType.INTEGER.notNull())
                .column(name("replica_id"), SQLDataType.VARCHAR(36).notNull())
                .column(name("tick_count"), SQLDataType.BIGINT.notNull())
                .column(name("knowledge"), SQLDataType.BLOB.notNull())
                .column(name("forgotten"), SQLDataType.BLOB.notNull())
                .constraints(primaryKey(name("id"))), options.tableOptions());
    }

    /** The other tables and their indexes, all idempotent. */
    List<String> createRest() {
        List<String> ddl = new ArrayList<>();
        Index byTick = index("items_by_tick", itemsTable, LOCAL_TICK, ITEM_ID);
        Index byItem = index("field_index_by_item", indexTable, ITEM_ID);
        Table<?> conflictTable = table(name(prefix + "conflicts"));
        Index conflictsByItem = index("conflicts_by_item", conflictTable, ITEM_ID);
        ddl.add(create(sql.createTableIfNotExists(itemsTable)
                .column(ITEM_ID, key(options.maxKeyBytes()).notNull())
                .column(CREATION_VERSION, SQLDataType.BIGINT.notNull())
                .column(DELETION_VERSION, SQLDataType.BIGINT)
                .column(UNIT_VERSIONS, SQLDataType.BLOB)
                .column(LOCAL_TICK, SQLDataType.BIGINT.notNull())
                .column(CUSTOM_FIELDS, SQLDataType.BLOB)
                .constraints(primaryKey(ITEM_ID)), byTick, true));
        ddl.add(create(sql.createTableIfNotExists(indexTable)
                .column(FIELD_ID, SQLDataType.INTEGER.notNull())
                .column(VALUE_KEY, key(Values.MAX_KEY + 8).notNull())
                .column(ITEM_ID, key(options.maxKeyBytes()).notNull())
                .constraints(primaryKey(FIELD_ID, VALUE_KEY)), byItem, true));
        ddl.add(create(sql.createTableIfNotExists(conflictTable)
                .column(name("seq"), SQLDataType.BIGINT.notNull())
                .column(ITEM_ID, key(options.maxKeyBytes()).notNull())
                .column(name("kind"), SQLDataType.VARCHAR(32).notNull())
                .column(name("resolution"), SQLDataType.VARCHAR(32))
                .column(name("units"), SQLDataType.CLOB.notNull())
                .column(name("source_replica"), SQLDataType.VARCHAR(36))
                .column(name("destination_replica"), SQLDataType.VARCHAR(36))
                .column(name("destination_is_remote"), SQLDataType.SMALLINT.notNull())
                .column(name("source_values"), SQLDataType.CLOB)
                .column(name("destination_values"), SQLDataType.CLOB)
                .column(name("detected_at_us"), SQLDataType.BIGINT.notNull())
                .column(name("resolved"), SQLDataType.SMALLINT.notNull())
                // a sequence number, not a key to look rows up by: no WITHOUT ROWID
                .constraints(primaryKey(name("seq"))), conflictsByItem, false));
        if (!options.inlineIndexes()) {
            for (Index i : List.of(byTick, byItem, conflictsByItem)) {
                ddl.add(sql.render(sql.createIndexIfNotExists(i.getUnqualifiedName()).on(i.getTable(), i.getFields())));
            }
        }
        return ddl;
    }

    private String create(CreateTableElementListStep table, Index index, boolean keyed) {
        String storage = (keyed ? options.keyedTableSuffix() : "") + options.tableOptions();
        return create(options.inlineIndexes() ? table.indexes(index) : table, storage);
    }

    private String create(CreateTableElementListStep table, String storage) {
        return storage.isEmpty() ? sql.render(table) : sql.render(table.storage(storage));
    }

    private Index index(String suffix, Table<?> table, OrderField<?>... fields) {
        return org.jooq.impl.Internal.createIndex(name(prefix + suffix), table, fields, false);
    }

    /** A binary key of at most {@code bytes} bytes: VARBINARY(n) where indexes bound keys, else the database's BLOB. */
    private DataType<byte[]> key(int bytes) {
        return options.maxKeyBytes() > 0 ? SQLDataType.VARBINARY(bytes) : SQLDataType.BLOB;
    }

    // ---------------------------------------------------------------- statements, rendered once

    /** An INSERT that replaces the row with the same key; the first {@code keyCount} columns are the key. */
    String upsert(boolean itemsTable, List<Field<?>> columns, int keyCount) {
        Table<?> table = itemsTable ? this.itemsTable : indexTable;
        var insert = sql.insertInto(table, columns).values(columns.stream().map(c -> (Object) param(c.getName(), c.getType())).toList())
                .onConflict(columns.subList(0, keyCount)).doUpdate();
        var set = new java.util.LinkedHashMap<Field<?>, Object>();
        for (Field<?> c : columns.subList(keyCount, columns.size())) {
            set.put(c, excluded(c));
        }
        return sql.render(insert.set(set));
    }

    String deleteItem() {
        return sql.render(sql.deleteFrom(itemsTable).where(ITEM_ID.eq(param("id", byte[].class))));
    }

    String deleteIndexOf() {
        return sql.render(sql.deleteFrom(indexTable).where(ITEM_ID.eq(param("id", byte[].class))));
    }

    String clearIndex() {
        return sql.render(sql.deleteFrom(indexTable));
    }

    String item() {
        return sql.render(sql.select(ITEM_COLUMNS).from(itemsTable).where(ITEM_ID.eq(param("id", byte[].class))));
    }

    /**
     * A page of items in id order: below {@code ?} when {@code upper}, then above ({@code strict}) or
     * from {@code ?} when {@code lower}; parameters in that order.
     */
    String itemsPage(boolean upper, boolean lower, boolean strict, int pageSize) {
        List<Condition> where = new ArrayList<>();
        if (upper) {
            where.add(ITEM_ID.lt(param("to", byte[].class)));
        }
        if (lower) {
            Field<byte[]> from = param("from", byte[].class);
            where.add(strict ? ITEM_ID.gt(from) : ITEM_ID.ge(from));
        }
        return sql.render(sql.select(ITEM_COLUMNS).from(itemsTable).where(where).orderBy(ITEM_ID).limit(inline(pageSize)));
    }

    /** Ids of items changed after a tick, at most {@code limit}. */
    String changedIds(long limit) {
        return sql.render(sql.select(ITEM_ID).from(itemsTable).where(LOCAL_TICK.gt(param("tick", Long.class))).limit(inline(limit)));
    }

    /**
     * A page of items changed after a tick, in id order, after {@code ?} when {@code after}. "+ 0"
     * keeps every planner off the tick index, which would re-sort all changes for each page.
     */
    String changedPage(boolean after, int pageSize) {
        Condition where = LOCAL_TICK.plus(inline(0L)).gt(param("tick", Long.class));
        if (after) {
            where = where.and(ITEM_ID.gt(param("after", byte[].class)));
        }
        return sql.render(sql.select(ITEM_COLUMNS).from(itemsTable).where(where).orderBy(ITEM_ID).limit(inline(pageSize)));
    }

    /** Items changed after a tick among {@code n} ids, in id order. */
    String changedAmong(int n) {
        Field<?>[] ids = new Field<?>[n];
        Arrays.setAll(ids, i -> param("id" + i, byte[].class));
        return sql.render(sql.select(ITEM_COLUMNS).from(itemsTable)
                .where(LOCAL_TICK.gt(param("tick", Long.class))).and(ITEM_ID.in(ids)).orderBy(ITEM_ID));
    }

    /** The item whose custom field {@code ?} has the value key {@code ?}. */
    String byCustomField() {
        List<Field<?>> cols = ITEM_COLUMNS.stream().<Field<?>>map(c -> field(name("i", c.getName()), c.getDataType())).toList();
        return sql.render(sql.select(cols).from(indexTable.as("x")).join(itemsTable.as("i"))
                .on(field(name("i", "item_id")).eq(field(name("x", "item_id"))))
                .where(field(name("x", "field_id")).eq(param("field", Integer.class)))
                .and(field(name("x", "value_key")).eq(param("key", byte[].class))));
    }

    /** Whether rows of a field exist. */
    String anyOfField() {
        return sql.render(sql.selectOne().from(indexTable).where(FIELD_ID.eq(param("field", Integer.class))));
    }

    // ---------------------------------------------------------------- the replica row and the conflict log

    private static final Field<Integer> ID = field(name("id"), SQLDataType.INTEGER);
    private static final Field<Short> RESOLVED = field(name("resolved"), SQLDataType.SMALLINT);
    /** The conflict-log columns, in the order {@link ConflictTable} binds and reads them. */
    private static final List<Field<?>> CONFLICT_COLUMNS = List.of(field(name("seq"), SQLDataType.BIGINT), ITEM_ID,
            field(name("kind"), SQLDataType.VARCHAR), field(name("resolution"), SQLDataType.VARCHAR),
            field(name("units"), SQLDataType.CLOB), field(name("source_replica"), SQLDataType.VARCHAR),
            field(name("destination_replica"), SQLDataType.VARCHAR), field(name("destination_is_remote"), SQLDataType.SMALLINT),
            field(name("source_values"), SQLDataType.CLOB), field(name("destination_values"), SQLDataType.CLOB),
            field(name("detected_at_us"), SQLDataType.BIGINT), RESOLVED);

    /** The replica row's {@code columns} (key 1). */
    String replicaRow(String... columns) {
        return sql.render(sql.select(Arrays.stream(columns).map(c -> field(name(c))).toList())
                .from(table(name(prefix + "replica"))).where(ID.eq(inline(1))));
    }

    /** The replica row's first write: schema version, replica id, knowledge, forgotten knowledge. */
    String insertReplica() {
        return sql.render(sql.insertInto(table(name(prefix + "replica")), ID, field(name("schema_version"), SQLDataType.INTEGER),
                field(name("replica_id"), SQLDataType.VARCHAR), field(name("tick_count"), SQLDataType.BIGINT),
                field(name("knowledge"), SQLDataType.BLOB), field(name("forgotten"), SQLDataType.BLOB))
                .values(inline(1), param("version", Integer.class), param("replica", String.class), inline(0L),
                        param("knowledge", byte[].class), param("forgotten", byte[].class)));
    }

    /** Sets one column of the replica row. */
    String updateReplica(String column) {
        return sql.render(sql.update(table(name(prefix + "replica"))).set(java.util.Map.of(field(name(column)), param("value")))
                .where(ID.eq(inline(1))));
    }

    String nextConflictSeq() {
        return sql.render(sql.select(DSL.coalesce(DSL.max(CONFLICT_COLUMNS.get(0).coerce(Long.class)), inline(0L)).plus(inline(1L)))
                .from(table(name(prefix + "conflicts"))));
    }

    String insertConflict() {
        return sql.render(sql.insertInto(table(name(prefix + "conflicts")), CONFLICT_COLUMNS)
                .values(CONFLICT_COLUMNS.stream().map(c -> (Object) param(c.getName(), c.getType())).toList()));
    }

    String resolveConflicts() {
        return sql.render(sql.update(table(name(prefix + "conflicts"))).set(RESOLVED, inline((short) 1))
                .where(ITEM_ID.eq(param("id", byte[].class))).and(RESOLVED.eq(inline((short) 0))));
    }

    String allConflicts() {
        return sql.render(sql.select(CONFLICT_COLUMNS).from(table(name(prefix + "conflicts"))).orderBy(CONFLICT_COLUMNS.get(0)));
    }
}
