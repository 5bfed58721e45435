package dev.syncwright.dialect.postgres;

import dev.syncwright.core.SyncException;
import java.util.Optional;
import dev.syncwright.dialect.MetadataTables;
import dev.syncwright.dialect.Capabilities;
import dev.syncwright.dialect.DatabaseProduct;
import dev.syncwright.dialect.internal.BaseDialect;
import dev.syncwright.dialect.SchemaReader;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.TableName;
import dev.syncwright.dialect.TickStrategy;
import dev.syncwright.dialect.TrackingSql;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

final class PostgresDialect extends BaseDialect {
    /** PostgreSQL's NAMEDATALEN - 1. */
    static final int MAX_IDENTIFIER_BYTES = 63;
    private static final Capabilities CAPABILITIES = new Capabilities(true, true, true, MAX_IDENTIFIER_BYTES, false, false, false);

    PostgresDialect(DatabaseProduct product) {
        this(product, new PgNames());
    }

    private PostgresDialect(DatabaseProduct product, PgNames names) {
        super("postgres", product, CAPABILITIES, names, new PgSchemaReader(), new PgTrackingSql(names), new PgTicks(names),
                new Parts(new PgCodec(), new PgTypeMapping(), METADATA, org.jooq.SQLDialect.POSTGRES));
    }

    private final PgCapture capture = new PgCapture(new PgNames());

    @Override
    public Optional<dev.syncwright.dialect.ChangeCapture> changeCapture() {
        return Optional.of(capture);
    }

    /** A transaction-local setting: it ends with the transaction whatever happens, so it cannot leak. */
    @Override
    public void suppressTracking(Connection connection, TableName table) {
        setLocal(connection, "syncwright.suppress", "SELECT set_config('syncwright.suppress', ?, true)",
                table == null ? "" : names().trackingTableName(table).name());
    }

    /**
     * After five executions pgjdbc prepares a statement on the server, and PostgreSQL may then keep a
     * generic plan costed with the table's size at that moment: made while a table was empty, a key
     * lookup is a sequential scan for good (ADR 055). A custom plan is made for the table's current
     * size at each execution. {@code = ANY(?)} or a join against VALUES would not help: their generic
     * plans scan the empty table too. SET LOCAL, so that it ends with the transaction; off is the
     * session's default (the server's, the database's or the role's setting), for this transaction only.
     */
    @Override
    public void planEveryExecution(Connection connection, boolean on) {
        setLocal(connection, "plan_cache_mode",
                on ? "SET LOCAL plan_cache_mode = force_custom_plan" : "SET LOCAL plan_cache_mode TO DEFAULT");
    }

    /**
     * Hash and merge joins off (for this transaction): a multi-row UPDATE … FROM (VALUES …) then
     * joins through the key's index whatever the table's size. Only joins: a scan where no join is
     * involved is planned as before.
     */
    @Override
    public void joinByKey(Connection connection, boolean on) {
        setLocal(connection, "enable_hashjoin, enable_mergejoin", on
                ? "SELECT set_config('enable_hashjoin', 'off', true), set_config('enable_mergejoin', 'off', true)"
                : "SET LOCAL enable_hashjoin TO DEFAULT; SET LOCAL enable_mergejoin TO DEFAULT");
    }

    /**
     * Runs {@code sql}, which sets {@code setting} for the current transaction only. Refused with
     * autocommit on: the setting would end with its own statement (SET LOCAL only warns).
     */
    private static void setLocal(Connection connection, String setting, String sql, String... parameters) {
        try {
            if (connection.getAutoCommit()) {
                throw new SyncException("Setting " + setting + " needs an open transaction (autocommit is on): "
                        + "it lasts for the current transaction only");
            }
            try (PreparedStatement ps = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    ps.setString(i + 1, parameters[i]);
                }
                ps.execute();
            }
        } catch (SQLException e) {
            throw new SqlFailure("Setting", setting, e);
        }
    }

    @Override
    public Optional<dev.syncwright.dialect.RowTemplate> updateRows(String table, java.util.List<dev.syncwright.dialect.ColumnDefinition> key,
                                                                  java.util.List<dev.syncwright.dialect.ColumnDefinition> set, String alsoSet) {
        return PgRowUpdates.updateRows(names(), table, key, set, alsoSet);
    }

    @Override
    public String overridingIdentity() {
        return " OVERRIDING SYSTEM VALUE";
    }

    /**
     * Draws values until the sequence has passed {@code value}: nextval never goes back, so a session
     * drawing at the same time cannot be given a value twice. A gap above {@link #MAX_DRAWS} is closed
     * with one setval instead, which a concurrent draw in the same microseconds could undo.
     */
    @Override
    public void followSequence(Connection c, String sequence, long value) {
        try (PreparedStatement last = c.prepareStatement("SELECT coalesce(pg_catalog.pg_sequence_last_value(?::regclass), 0)")) {
            last.setString(1, sequence);
            long behind;
            try (var rs = last.executeQuery()) {
                rs.next();
                behind = value - rs.getLong(1);
            }
            if (behind <= 0) {
                return;
            }
            String sql = behind <= MAX_DRAWS
                    ? "SELECT max(pg_catalog.nextval(?::regclass)) FROM pg_catalog.generate_series(1, ?::bigint)"
                    : "SELECT pg_catalog.setval(?::regclass, ?::bigint)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, sequence);
                ps.setLong(2, behind <= MAX_DRAWS ? behind : value);
                ps.execute();
            }
        } catch (SQLException e) {
            throw new SqlFailure("Moving forward", sequence, e);
        }
    }

    private static final long MAX_DRAWS = 10_000;

    private static final MetadataTables METADATA = new MetadataTables(0, "", "", false);

    /** 42P01 undefined_table. */
    @Override
    public boolean missingTable(SQLException e) {
        return "42P01".equals(e.getSQLState());
    }

    @Override
    public String liquibaseDbms() {
        return "postgresql";
    }

    /** Core since PostgreSQL 13, our minimum. */
    @Override
    public Optional<String> randomUuid() {
        return Optional.of("gen_random_uuid()::text");
    }
}
