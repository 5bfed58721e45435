package dev.syncwright.dialect.mysql;

import static dev.syncwright.dialect.SqlStatement.Kind.ALTER_TABLE;
import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_TABLE;
import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_TRIGGER;
import static dev.syncwright.dialect.SqlStatement.Kind.DROP_TABLE;
import static dev.syncwright.dialect.SqlStatement.Kind.DROP_TRIGGER;
import static dev.syncwright.dialect.SqlStatement.Kind.INSERT;
import static dev.syncwright.dialect.SqlStatement.Kind.UPDATE;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.SqlStatement;
import dev.syncwright.dialect.SyncTable;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * Tracking DDL and triggers for MySQL 8.0+ and MariaDB 10.6+ (golden files under
 * {@code src/test/resources/golden/mysql|mariadb}).
 *
 * <p>Tracking row: the key columns; {@code sw_tick}, the tick of the last <em>stamped</em> change
 * (the enumeration key); {@code sw_pend}, 1 while changes wait for a tick; {@code sw_cv},
 * {@code sw_dv}, {@code sw_at}; {@code sw_v<i>} per change unit (NULL = same as {@code sw_cv}).
 *
 * <p>Triggers never take a tick: a tick taken inside a transaction becomes visible at its commit,
 * in any order (DESIGN §3). They write {@link #PENDING} where a local version is due, set
 * {@code sw_pend} and leave {@code sw_tick} alone; {@link MySqlTicks} later gives committed
 * pending rows a tick. Every trigger write is an upsert, so a row that has no tracking row yet
 * (provisioning races with writers) is picked up as a new incarnation rather than lost.
 *
 * <p>Per-row cost: one statement per row in the trigger runtime, ~5–10 µs, is the floor on MariaDB
 * (ADR 020, "Per-row cost"). An UPDATE-first variant with an upsert fallback measured no faster and
 * gap-locks when the row is missing; dropping the CAST, the suppress check or UTC_TIMESTAMP gained
 * nothing measurable. Measure with the server thread's CPU time before changing these statements.
 */
final class MySqlTrackingSql implements dev.syncwright.dialect.TrackingSql {
    /** "The local version this row gets when stamped". Negative: never a valid packed Version. */
    static final long PENDING = -1L;
    /** Session variable the triggers read: the tracking table of the table the provider is writing (ADR 042). */
    static final String SUPPRESS = "@syncwright_suppress";
    /** Rows stamped per statement: bounds the stamping transaction's locks and undo. */
    static final int STAMP_CHUNK = 5000;

    private final MySqlNames names;
    private final boolean mariaDb;
    private final MySqlCascades cascades;

    MySqlTrackingSql(MySqlNames names, boolean mariaDb) {
        this.names = names;
        this.mariaDb = mariaDb;
        this.cascades = new MySqlCascades(names, mariaDb);
    }

    @Override
    public List<SqlStatement> createSyncObjects() {
        return List.of(
                SqlStatement.of(CREATE_TABLE, "syncwright_scopes", """
                        CREATE TABLE IF NOT EXISTS %s (
                          `scope_name` VARCHAR(255) COLLATE utf8mb4_bin NOT NULL PRIMARY KEY,
                          `replica_id` CHAR(36) NOT NULL,
                          `knowledge` LONGBLOB,
                          `forgotten_knowledge` LONGBLOB,
                          `replica_key_map` LONGBLOB,
                          `definition` LONGTEXT NOT NULL,
                          `definition_version` INT NOT NULL,
                          `created_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                          `updated_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6)
                        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""".formatted(names.syncTable(SyncTable.SCOPES))),
                SqlStatement.of(CREATE_TABLE, "syncwright_scope_tables", """
                        CREATE TABLE IF NOT EXISTS %s (
                          `table_schema` VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
                          `table_name` VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
                          `scope_name` VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
                          PRIMARY KEY (`table_schema`, `table_name`),
                          FOREIGN KEY (`scope_name`) REFERENCES %s (`scope_name`) ON DELETE CASCADE
                        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""".formatted(names.syncTable(SyncTable.SCOPE_TABLES),
                        names.syncTable(SyncTable.SCOPES))),
                SqlStatement.of(CREATE_TABLE, "syncwright_conflicts", """
                        CREATE TABLE IF NOT EXISTS %s (
                          `id` BIGINT NOT NULL AUTO_INCREMENT PRIMARY KEY,
                          `scope_name` VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
                          `table_name` VARCHAR(64) COLLATE utf8mb4_bin NOT NULL,
                          `pk_json` LONGTEXT NOT NULL,
                          `kind` VARCHAR(64) NOT NULL,
                          `resolution` VARCHAR(64),
                          `local_json` LONGTEXT,
                          `remote_json` LONGTEXT,
                          `detected_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                          `resolved` BOOLEAN NOT NULL DEFAULT FALSE,
                          `message` LONGTEXT,
                          KEY `conflicts_open` (`scope_name`, `resolved`)
                        ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""".formatted(names.syncTable(SyncTable.CONFLICTS))),
                SqlStatement.of(CREATE_TABLE, "syncwright_peers", peers()),
                SqlStatement.of(CREATE_TABLE, "syncwright_replica_principals", principals()),
                // The clock: one row, advanced only by transactions that hold its row lock (ADR 020).
                SqlStatement.of(CREATE_TABLE, MySqlNames.CLOCK, """
                        CREATE TABLE IF NOT EXISTS %s (
                          `id` TINYINT NOT NULL PRIMARY KEY,
                          `tick` BIGINT NOT NULL
                        ) ENGINE=InnoDB""".formatted(names.clock())),
                SqlStatement.of(INSERT, MySqlNames.CLOCK, "INSERT IGNORE INTO " + names.clock() + " (`id`, `tick`) VALUES (1, 0)"));
    }

    private String principals() {
        return """
                CREATE TABLE IF NOT EXISTS %s (
                  `scope_name` VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
                  `replica_id` CHAR(36) NOT NULL,
                  `principal` VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
                  `bound_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                  PRIMARY KEY (`scope_name`, `replica_id`)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""".formatted(names.syncTable(SyncTable.PRINCIPALS));
    }

    private String peers() {
        return """
                CREATE TABLE IF NOT EXISTS %s (
                  `scope_name` VARCHAR(255) COLLATE utf8mb4_bin NOT NULL,
                  `peer_id` CHAR(36) NOT NULL,
                  `epoch` BIGINT NOT NULL,
                  `nonce` VARCHAR(64) NOT NULL,
                  `delivered` BIGINT NOT NULL,
                  `upstream` BOOLEAN NOT NULL,
                  `updated_at` DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
                  PRIMARY KEY (`scope_name`, `peer_id`)
                ) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4""".formatted(names.syncTable(SyncTable.PEERS));
    }

    @Override
    public List<SqlStatement> dropSyncObjects() {
        return List.of(
                SqlStatement.of(DROP_TABLE, MySqlNames.CLOCK, "DROP TABLE IF EXISTS " + names.clock()),
                SqlStatement.of(DROP_TABLE, "syncwright_replica_principals", "DROP TABLE IF EXISTS "
                        + names.syncTable(SyncTable.PRINCIPALS)),
                SqlStatement.of(DROP_TABLE, "syncwright_peers", "DROP TABLE IF EXISTS " + names.syncTable(SyncTable.PEERS)),
                SqlStatement.of(DROP_TABLE, "syncwright_conflicts", "DROP TABLE IF EXISTS " + names.syncTable(SyncTable.CONFLICTS)),
                SqlStatement.of(DROP_TABLE, "syncwright_scope_tables", "DROP TABLE IF EXISTS " + names.syncTable(SyncTable.SCOPE_TABLES)),
                SqlStatement.of(DROP_TABLE, "syncwright_scopes", "DROP TABLE IF EXISTS " + names.syncTable(SyncTable.SCOPES)));
    }

    /**
     * Tracking table, triggers, then the backfill: triggers first, so a row written while the
     * backfill runs is tracked by its trigger (the backfill keeps an existing tracking row), and
     * CREATE TRIGGER waits for every open transaction on the table (metadata lock), so none can
     * still commit an untracked write afterwards.
     */
    @Override
    public List<SqlStatement> provisionTable(TableDefinition definition) {
        MySqlTable t = MySqlTable.of(definition);
        String trk = names.trackingTableName(t.name()).toString();
        List<SqlStatement> out = new ArrayList<>();
        out.add(SqlStatement.of(CREATE_TABLE, trk, createTrackingTable(t)));
        out.addAll(triggers(t));
        out.addAll(cascades.create(t, definition));
        out.add(SqlStatement.of(INSERT, trk, backfill(t)));
        out.add(SqlStatement.of(UPDATE, MySqlNames.CLOCK, "UPDATE " + names.clock() + " SET `tick` = `tick` + 1 WHERE `id` = 1"));
        return out;
    }

    @Override
    public List<SqlStatement> deprovisionTable(TableDefinition definition) {
        List<SqlStatement> out = new ArrayList<>(dropTriggers(definition));
        out.addAll(cascades.drop(definition));
        out.add(SqlStatement.of(DROP_TABLE, names.trackingTableName(definition.name()).toString(),
                "DROP TABLE IF EXISTS " + names.trackingTable(definition.name())));
        return out;
    }

    private List<SqlStatement> dropTriggers(TableDefinition definition) {
        var base = definition.name();
        return List.of(
                SqlStatement.of(DROP_TRIGGER, base + " delete", "DROP TRIGGER IF EXISTS " + names.trigger(base, 'd')),
                SqlStatement.of(DROP_TRIGGER, base + " update", "DROP TRIGGER IF EXISTS " + names.trigger(base, 'u')),
                SqlStatement.of(DROP_TRIGGER, base + " insert", "DROP TRIGGER IF EXISTS " + names.trigger(base, 'i')));
    }

    /**
     * Adds the new {@code sw_v} columns and regenerates the triggers. On MariaDB CREATE OR REPLACE
     * swaps a trigger atomically. MySQL has no such statement: between its DROP and CREATE a write
     * would go untracked, so the caller must run this while writers are stopped (see ADR 021).
     */
    @Override
    public List<SqlStatement> alterTable(TableDefinition before, TableDefinition after) {
        MySqlTable old = MySqlTable.of(before);
        MySqlTable t = MySqlTable.of(after);
        List<SqlStatement> out = new ArrayList<>();
        if (t.unitCount() > old.unitCount()) {
            out.add(SqlStatement.of(ALTER_TABLE, names.trackingTableName(t.name()).toString(),
                    "ALTER TABLE " + names.trackingTable(t.name()) + " " + IntStream.range(old.unitCount(), t.unitCount())
                            .mapToObj(i -> "ADD COLUMN `sw_v" + i + "` BIGINT NULL").collect(Collectors.joining(", "))));
        }
        if (!mariaDb) {
            out.addAll(dropTriggers(before));
        }
        // MariaDB replaces a trigger atomically; on MySQL every cascade trigger is dropped and created again
        out.addAll(cascades.dropReplaced(before, after, mariaDb));
        out.addAll(triggers(t));
        out.addAll(cascades.create(t, after));
        return out;
    }

    String createTrackingTable(MySqlTable t) {
        String keyDefs = t.key().stream()
                .map(c -> "  " + names.quote(c.name()) + " " + c.nativeType() + " NOT NULL,\n").collect(Collectors.joining());
        String unitDefs = IntStream.range(0, t.unitCount()).mapToObj(i -> "  `sw_v" + i + "` BIGINT NULL,\n").collect(Collectors.joining());
        return """
                CREATE TABLE IF NOT EXISTS %s (
                %s  `sw_tick` BIGINT NULL,
                  `sw_pend` TINYINT NULL,
                  `sw_cv` BIGINT NOT NULL,
                  `sw_dv` BIGINT NULL,
                  `sw_at` DATETIME(6) NOT NULL,
                %s  PRIMARY KEY (%s),
                  KEY `sw_tick` (`sw_tick`),
                  KEY `sw_pend` (`sw_pend`)
                ) ENGINE=InnoDB""".formatted(names.trackingTable(t.name()), keyDefs, unitDefs, keyList(t, ""));
    }

    List<SqlStatement> triggers(MySqlTable t) {
        String n = t.name().toString();
        return List.of(SqlStatement.of(CREATE_TRIGGER, n + " insert", insertTrigger(t)),
                SqlStatement.of(CREATE_TRIGGER, n + " update", updateTrigger(t)),
                SqlStatement.of(CREATE_TRIGGER, n + " delete", deleteTrigger(t)));
    }

    String insertTrigger(MySqlTable t) {
        return trigger(t, 'i', "INSERT", newIncarnation(t) + "\n");
    }

    /** A key change is the delete of the old item and the insert of a new one; else only changed units get a version. */
    String updateTrigger(MySqlTable t) {
        String keyChanged = t.key().stream().map(c -> "NOT " + same(c)).collect(Collectors.joining(" OR "));
        StringBuilder body = new StringBuilder("IF " + keyChanged + " THEN\n  " + tombstone(t, "OLD").replace("\n", "\n  ")
                + "\n  " + newIncarnation(t).replace("\n", "\n  ") + "\n");
        if (!t.units().isEmpty()) {
            String anyChanged = t.units().stream().map(c -> "NOT " + same(c)).collect(Collectors.joining(" OR "));
            String bumps = t.units().stream().map(c -> ",\n    `sw_v" + c.changeUnit() + "` = IF(" + same(c) + ", `sw_v"
                    + c.changeUnit() + "`, " + PENDING + ")").collect(Collectors.joining());
            body.append("ELSEIF ").append(anyChanged).append(" THEN\n  ")
                    .append(insertNew(t, "NEW")).append("\n  ON DUPLICATE KEY UPDATE `sw_pend` = 1, `sw_at` = UTC_TIMESTAMP(6)")
                    .append(bumps).append(";\n");
        }
        return trigger(t, 'u', "UPDATE", body.append("END IF;\n").toString());
    }

    String deleteTrigger(MySqlTable t) {
        return trigger(t, 'd', "DELETE", tombstone(t, "OLD") + "\n");
    }

    private String trigger(MySqlTable t, char event, String verb, String body) {
        String create = mariaDb ? "CREATE OR REPLACE TRIGGER" : "CREATE TRIGGER";
        return create + " " + names.trigger(t.name(), event) + " AFTER " + verb + " ON " + names.table(t.name())
                + " FOR EACH ROW\nBEGIN\n  IF NOT (" + SUPPRESS + " <=> " + names.literal(names.trackingTableName(t.name()).name())
                + ") THEN\n" + body.indent(4) + "  END IF;\nEND";
    }

    /** A tracking row for the key of {@code row}, as a new incarnation whose creation version is pending. */
    private String insertNew(MySqlTable t, String row) {
        return "INSERT INTO " + names.trackingTable(t.name()) + " (" + keyList(t, "") + ", `sw_pend`, `sw_cv`, `sw_at`)\n  VALUES ("
                + t.key().stream().map(c -> row + "." + names.quote(c.name())).collect(Collectors.joining(", "))
                + ", 1, " + PENDING + ", UTC_TIMESTAMP(6))";
    }

    /** (Re)creates the item: keys are set again so a case-only key change under a _ci collation keeps the new spelling. */
    private String newIncarnation(MySqlTable t) {
        String sets = t.key().stream().map(c -> names.quote(c.name()) + " = NEW." + names.quote(c.name())).collect(Collectors.joining(", "))
                + ", `sw_pend` = 1, `sw_cv` = " + PENDING + ", `sw_dv` = NULL, `sw_at` = UTC_TIMESTAMP(6)"
                + IntStream.range(0, t.unitCount()).mapToObj(i -> ", `sw_v" + i + "` = NULL").collect(Collectors.joining());
        return insertNew(t, "NEW") + "\nON DUPLICATE KEY UPDATE " + sets + ";";
    }

    private String tombstone(MySqlTable t, String row) {
        return "INSERT INTO " + names.trackingTable(t.name()) + " (" + keyList(t, "") + ", `sw_pend`, `sw_cv`, `sw_dv`, `sw_at`)\nVALUES ("
                + t.key().stream().map(c -> row + "." + names.quote(c.name())).collect(Collectors.joining(", "))
                + ", 1, " + PENDING + ", " + PENDING + ", UTC_TIMESTAMP(6))\nON DUPLICATE KEY UPDATE `sw_pend` = 1, `sw_dv` = "
                + PENDING + ", `sw_at` = UTC_TIMESTAMP(6);";
    }

    /**
     * Backfill: every existing row gets one creation version at clock + 1, read under the clock's
     * row lock (held until this statement commits, so no stamp can publish a tick at or above it
     * before these rows are visible). Rows the triggers already track keep their state.
     */
    String backfill(MySqlTable t) {
        String trk = names.trackingTable(t.name());
        return """
                INSERT INTO %s (%s, `sw_tick`, `sw_pend`, `sw_cv`, `sw_dv`, `sw_at`)
                SELECT %s, c.`t`, NULL, c.`t`, NULL, UTC_TIMESTAMP(6)
                FROM %s b JOIN (SELECT `tick` + 1 AS `t` FROM %s WHERE `id` = 1 FOR UPDATE) c ON 1 = 1
                ON DUPLICATE KEY UPDATE %s.`sw_cv` = %s.`sw_cv`""".formatted(trk, keyList(t, ""), keyList(t, "b."),
                names.table(t.name()), names.clock(), trk, trk);
    }

    /**
     * Step 1 of stamping: the keys of up to {@link #STAMP_CHUNK} committed pending rows, locked.
     * SKIP LOCKED passes over rows an open transaction has written (and so still locks): they wait
     * for a pass after their commit. A plain SELECT, because MariaDB does not honour SKIP LOCKED in
     * a derived table of a multi-table UPDATE (found by MariaDbTrackingTest: the UPDATE waited).
     */
    String stampCandidates(TableName trackingTable, List<String> key) {
        return "SELECT " + key.stream().map(names::quote).collect(Collectors.joining(", ")) + " FROM " + names.table(trackingTable)
                + " WHERE `sw_pend` = 1 LIMIT " + STAMP_CHUNK + " FOR UPDATE SKIP LOCKED";
    }

    /**
     * Step 2: stamps {@code rows} rows locked by step 1. The tick goes to the first
     * {@link #stampTickParameters} parameters, the keys follow. A single-table UPDATE: under READ
     * COMMITTED, InnoDB's semi-consistent read lets it pass rows that others lock without waiting,
     * even where the optimizer chooses to scan (small tables) instead of seeking by key.
     */
    String stamp(TableName trackingTable, List<String> key, int unitCount, int rows) {
        String tuple = key.size() == 1 ? "?" : "(" + String.join(", ", java.util.Collections.nCopies(key.size(), "?")) + ")";
        String keys = key.size() == 1 ? names.quote(key.get(0))
                : "(" + key.stream().map(names::quote).collect(Collectors.joining(", ")) + ")";
        String sets = "`sw_tick` = ?, `sw_pend` = NULL,\n    "
                + "`sw_cv` = IF(`sw_cv` = " + PENDING + ", ?, `sw_cv`),\n    "
                + "`sw_dv` = IF(`sw_dv` = " + PENDING + ", ?, `sw_dv`)"
                + IntStream.range(0, unitCount).mapToObj(i -> ",\n    `sw_v" + i + "` = IF(`sw_v" + i + "` = "
                        + PENDING + ", ?, `sw_v" + i + "`)").collect(Collectors.joining());
        return "UPDATE " + names.table(trackingTable) + " SET " + sets + "\nWHERE " + keys + " IN ("
                + String.join(", ", java.util.Collections.nCopies(rows, tuple)) + ")";
    }

    /** How many leading parameters of {@link #stamp} take the tick. */
    static int stampTickParameters(int unitCount) {
        return 3 + unitCount;
    }

    private String same(ColumnDefinition c) {
        String q = names.quote(c.name());
        return MySqlTable.comparesAsBinary(c, mariaDb)
                ? "(CAST(OLD." + q + " AS BINARY) <=> CAST(NEW." + q + " AS BINARY))"
                : "(OLD." + q + " <=> NEW." + q + ")";
    }

    private String keyList(MySqlTable t, String alias) {
        return t.key().stream().map(c -> alias + names.quote(c.name())).collect(Collectors.joining(", "));
    }

    /** Triggers again (dropped first where MySQL cannot replace them), then the rows written meanwhile, pending. */
    @Override
    public List<SqlStatement> repairTable(TableDefinition definition) {
        MySqlTable t = MySqlTable.of(definition);
        String trk = names.trackingTable(t.name());
        String base = names.table(t.name());
        String shown = names.trackingTableName(t.name()).toString();
        List<SqlStatement> out = new ArrayList<>(dropTriggers(definition));
        out.addAll(triggers(t));
        out.addAll(cascades.create(t, definition));
        String match = t.key().stream().map(k -> "x." + names.quote(k.name()) + " = b." + names.quote(k.name()))
                .collect(Collectors.joining(" AND "));
        out.add(SqlStatement.of(INSERT, shown, "INSERT INTO " + trk + " (" + keyList(t, "") + ", `sw_pend`, `sw_cv`, `sw_at`)\nSELECT "
                + keyList(t, "b.") + ", 1, " + PENDING + ", UTC_TIMESTAMP(6) FROM " + base + " b\nWHERE NOT EXISTS (SELECT 1 FROM "
                + trk + " x WHERE " + match + ")"));
        out.add(SqlStatement.of(UPDATE, shown, "UPDATE " + trk + " x SET x.`sw_pend` = 1, x.`sw_dv` = " + PENDING
                + ", x.`sw_at` = UTC_TIMESTAMP(6)\nWHERE x.`sw_dv` IS NULL AND NOT EXISTS (SELECT 1 FROM " + base + " b WHERE " + match + ")"));
        return out;
    }

    /** Pending, like any trigger write: the next watermark stamps them. */
    @Override
    public List<SqlStatement> stampUnits(TableDefinition definition, List<Integer> units) {
        MySqlTable t = MySqlTable.of(definition);
        StringBuilder sets = new StringBuilder("tr.`sw_pend` = 1, tr.`sw_at` = UTC_TIMESTAMP(6)");
        StringBuilder any = new StringBuilder();
        for (int u : units) {
            String col = "b." + names.quote(t.units().stream().filter(c -> c.changeUnit() == u).findFirst().orElseThrow().name());
            sets.append(", tr.`sw_v").append(u).append("` = IF(").append(col).append(" IS NOT NULL, ").append(PENDING)
                    .append(", tr.`sw_v").append(u).append("`)");
            any.append(any.length() == 0 ? "" : " OR ").append(col).append(" IS NOT NULL");
        }
        String join = t.key().stream().map(k -> "tr." + names.quote(k.name()) + " = b." + names.quote(k.name()))
                .collect(Collectors.joining(" AND "));
        return List.of(SqlStatement.of(UPDATE, names.trackingTableName(t.name()).toString(), "UPDATE " + names.trackingTable(t.name())
                + " tr JOIN " + names.table(t.name()) + " b ON " + join + " SET " + sets + "\nWHERE tr.`sw_dv` IS NULL AND (" + any + ")"));
    }

    @Override
    public List<SqlStatement> upgradeSyncObjects(java.sql.Connection c) {
        String conflicts = names.syncTable(SyncTable.CONFLICTS);
        List<SqlStatement> out = new ArrayList<>();
        if (!dev.syncwright.dialect.Jdbc.columns(c, conflicts, "syncwright_conflicts").contains("message")) {
            out.add(SqlStatement.of(ALTER_TABLE, "syncwright_conflicts", "ALTER TABLE " + conflicts + " ADD COLUMN `message` LONGTEXT"));
        }
        if (dev.syncwright.dialect.Jdbc.queryLong(c, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                + "DATABASE() AND TABLE_NAME = 'syncwright_peers'", "syncwright_peers") == 0) {
            out.add(SqlStatement.of(CREATE_TABLE, "syncwright_peers", peers()));
        }
        if (dev.syncwright.dialect.Jdbc.queryLong(c, "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = "
                + "DATABASE() AND TABLE_NAME = 'syncwright_replica_principals'", "syncwright_replica_principals") == 0) {
            out.add(SqlStatement.of(CREATE_TABLE, "syncwright_replica_principals", principals()));
        }
        return out;
    }

    @Override
    public String changeTimeExpression() {
        return "UTC_TIMESTAMP(6)";
    }
}
