package dev.syncwright.jdbc.internal;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.ColumnDefault;
import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.ServerTypes;
import dev.syncwright.dialect.ForeignKey;
import dev.syncwright.dialect.ColumnDomain;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TableName;
import dev.syncwright.dialect.TypeMapping;
import dev.syncwright.dialect.UniqueConstraint;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Creates a client's tables from the server's scope definition (DESIGN §4, "a client database can
 * start empty"), and refuses, before any data moves, a column whose values cannot round-trip.
 *
 * <p>What a database decides lives in its dialect's {@link TypeMapping}: the server's
 * {@link ColumnDomain} of each column, and the client's native type for it (one its own SchemaReader
 * reads back as the same portable type), defaults and CHECK. This class only assembles the
 * statements. A value the server would refuse or round is then refused when the application writes
 * it on the device, rather than when a later upload reaches the server and stops the sync on a row
 * the device cannot change anymore.
 *
 * <p>Constraint names are not copied: PostgreSQL names of unique constraints are per schema, MySQL's
 * per table, and the sync never refers to them.
 */
final class ClientDdl {
    private ClientDdl() {
    }

    /**
     * CREATE TABLE statements for {@code tables}, in the order given (parents before children). Every
     * column that cannot be held exactly, in every table, is refused in one message before anything
     * is created.
     *
     * @param local       the client's dialect
     * @param server      the server's dialect (its native types say more than the portable type:
     *                    fractional-second digits, unsigned ranges, byte limits); null when unknown
     * @param tables      the tables to create; foreign keys to tables outside {@code scope} are left out
     * @param scope       every table of the scope
     * @param localSchema the schema for the client's tables, null for the connection's default
     */
    static List<String> createTables(Dialect local, ServerTypes server, List<TableDefinition> tables, List<TableDefinition> scope,
                                     String localSchema) {
        List<String> problems = new ArrayList<>();
        for (TableDefinition t : tables) {
            problems.addAll(roundTripProblems(server, local, t));
        }
        refuseAll(problems);
        List<String> out = new ArrayList<>(tables.size());
        for (TableDefinition t : tables) {
            out.add(createTable(local, server, t, localSchema, scope, t.name().name()));
        }
        return out;
    }

    static List<String> createTables(Dialect local, ServerTypes server, List<TableDefinition> tables, String localSchema) {
        return createTables(local, server, tables, tables, localSchema);
    }

    static String createTable(Dialect local, ServerTypes server, TableDefinition t, String localSchema) {
        return createTables(local, server, List.of(t), List.of(t), localSchema).get(0);
    }

    /** The CREATE TABLE of {@code t} under another name (a table rebuilt), foreign keys as for {@code scope}. */
    static String createTable(Dialect local, ServerTypes server, TableDefinition t, TableName as, List<TableDefinition> scope) {
        return createTable(local, server, t, as.schema(), scope, as.name());
    }

    /** Throws one exception listing every problem, if there are any. */
    static void refuseAll(List<String> problems) {
        if (problems.size() == 1) {
            throw new SyncException(problems.get(0));
        }
        if (!problems.isEmpty()) {
            throw new SyncException(problems.size() + " columns cannot be held exactly by the client:\n  - "
                    + String.join("\n  - ", problems));
        }
    }

    private static String createTable(Dialect local, ServerTypes server, TableDefinition t, String localSchema,
                                      List<TableDefinition> all, String tableName) {
        SqlNames n = local.names();
        List<String> parts = new ArrayList<>();
        for (ColumnDefinition c : t.columns()) {
            parts.add(n.quote(c.name()) + " " + columnDefinition(local, server, t, c));
        }
        List<ColumnDefinition> pk = t.primaryKey();
        if (!pk.isEmpty()) {
            parts.add("PRIMARY KEY (" + columns(n, pk.stream().map(ColumnDefinition::name).toList()) + ")");
        }
        for (UniqueConstraint u : t.uniqueConstraints()) {
            parts.add("UNIQUE (" + columns(n, u.columns()) + ")");
        }
        for (ForeignKey fk : t.foreignKeys()) {
            Optional<TableDefinition> parent = all.stream().filter(p -> p.name().name().equals(fk.referenced().name())).findFirst();
            if (parent.isEmpty()) {
                // a key to a table outside the scope: the client has no such table; the server still enforces it
                continue;
            }
            List<String> to = fk.referencedColumns();
            if (to.isEmpty()) {
                // SQLite lets a foreign key name no columns (the parent's primary key); MySQL needs them
                to = parent.get().primaryKey().stream().map(ColumnDefinition::name).toList();
            }
            parts.add("FOREIGN KEY (" + columns(n, fk.columns()) + ") REFERENCES "
                    + n.table(new TableName(localSchema, fk.referenced().name()))
                    + (to.isEmpty() ? "" : " (" + columns(n, to) + ")") + actions(fk));
        }
        String table = n.table(new TableName(localSchema, tableName));
        return "CREATE TABLE " + table + " (\n  " + String.join(",\n  ", parts) + "\n)" + local.types().tableOptions();
    }

    /**
     * A client column: its type, NOT NULL and DEFAULT where the client can state them as the server
     * does, and the CHECK of the server's domain. A generated column is a plain column on the client
     * (its values come from the server). A NOT NULL column whose default only the server can compute
     * (a sequence, a function) is nullable on the client: a row inserted without it gets the server's
     * default when it arrives there, and the value comes back.
     */
    static String columnDefinition(Dialect local, ServerTypes server, TableDefinition t, ColumnDefinition c) {
        StringBuilder col = new StringBuilder(nativeType(local, server, t, c));
        String dflt = c.generated() || c.inPrimaryKey() ? null : defaultClause(local, c);
        boolean notNull = c.inPrimaryKey() || (!c.nullable() && !c.generated() && (c.defaultValue() == null || dflt != null));
        if (notNull) {
            col.append(" NOT NULL");
        } else {
            col.append(local.types().nullable(c.type()));
        }
        if (dflt != null) {
            col.append(" DEFAULT ").append(dflt);
        }
        String check = ClientChecks.check(local, server, c);
        if (check != null) {
            col.append(" CHECK (").append(check).append(')');
        }
        return col.toString();
    }

    /**
     * ALTER TABLE ... ADD COLUMN for a column the server gained. The existing rows have no value for it
     * yet (their values arrive with the sync: the server gives every row's value of an added column a
     * new version), so NOT NULL is declared only with a constant default, and SQLite, which cannot add
     * a column whose default is the current time, gets the column without that default.
     */
    static String addColumn(Dialect local, ServerTypes server, TableDefinition t, ColumnDefinition c, TableName table) {
        String def = columnDefinition(local, server, t, c);
        String dflt = c.generated() ? null : defaultClause(local, c);
        boolean constant = dflt != null && !dflt.startsWith("CURRENT_");
        if (!constant) {
            def = def.replace(" NOT NULL", "");
            if (dflt != null && !local.types().addsComputedDefaults()) {
                def = def.replace(" DEFAULT " + dflt, "");
            }
        }
        return "ALTER TABLE " + local.names().table(table) + " ADD COLUMN " + local.names().quote(c.name()) + " " + def;
    }

    /** The server's default as the client can declare it: constants and the current time; null for the rest. */
    private static String defaultClause(Dialect local, ColumnDefinition c) {
        ColumnDefault d = c.defaultValue();
        if (d == null) {
            return null;
        }
        TypeMapping types = local.types();
        return switch (d.kind()) {
            case LITERAL -> switch (c.type().kind()) {
                case SMALLINT, INTEGER, BIGINT, REAL, DOUBLE -> isNumber(d.value()) ? d.value() : null;
                case NUMERIC -> isNumber(d.value()) ? types.numericDefault(d.value()) : null;
                case BOOLEAN -> types.booleanDefault(d.value());
                case BYTES, JSON -> null;
                default -> local.names().literal(d.value());
            };
            case NOW -> switch (c.type().kind()) {
                case DATE -> "CURRENT_DATE";
                case TIME -> "CURRENT_TIME";
                case TIMESTAMP, TIMESTAMPTZ -> "CURRENT_TIMESTAMP";
                default -> null;
            };
            default -> null;
        };
    }

    private static boolean isNumber(String s) {
        return s != null && s.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?");
    }

    /** Referential actions as the server has them: the client's own deletes then cascade as the server's would. */
    private static String actions(ForeignKey fk) {
        return (fk.onDelete().equals(ForeignKey.NO_ACTION) ? "" : " ON DELETE " + fk.onDelete())
                + (fk.onUpdate().equals(ForeignKey.NO_ACTION) ? "" : " ON UPDATE " + fk.onUpdate());
    }

    /**
     * Every column of {@code t} whose values cannot round-trip exactly between the server and a client
     * of dialect {@code client} (no native type there, or a server type the portable type does not
     * describe exactly), each named with its table. {@code server} may be null.
     */
    static List<String> roundTripProblems(ServerTypes server, Dialect client, TableDefinition t) {
        List<String> problems = new ArrayList<>();
        for (ColumnDefinition c : t.columns()) {
            try {
                nativeType(client, server, t, c); // throws when the client has no exact type
            } catch (SyncException e) {
                problems.add(e.getMessage());
                continue;
            }
            if (server != null) {
                server.roundTripProblem(t, c).ifPresent(problems::add);
            }
            if (client != null) {
                client.types().cannotHold(t, c, domain(server, c)).ifPresent(problems::add);
            }
        }
        return problems;
    }

    static List<String> createTables(Dialect local, Dialect server, List<TableDefinition> tables, String localSchema) {
        return createTables(local, types(server), tables, localSchema);
    }

    static String createTable(Dialect local, Dialect server, TableDefinition t, String localSchema) {
        return createTable(local, types(server), t, localSchema);
    }

    static void checkRoundTrip(Dialect server, Dialect client, TableDefinition t) {
        checkRoundTrip(types(server), client, t);
    }

    private static ServerTypes types(Dialect server) {
        return server == null ? null : server.types();
    }

    /** {@link #roundTripProblems}, refused in one exception. */
    static void checkRoundTrip(ServerTypes server, Dialect client, TableDefinition t) {
        refuseAll(roundTripProblems(server, client, t));
    }

    /** The client's native type for a server column; a SyncException naming table and column when there is none. */
    static String nativeType(Dialect local, ServerTypes server, TableDefinition t, ColumnDefinition c) {
        return local.types().nativeType(t, c, domain(server, c));
    }

    /** The values the server's column holds, as its dialect describes them; only the portable type's when the server is unknown. */
    static ColumnDomain domain(ServerTypes server, ColumnDefinition c) {
        return server == null ? ColumnDomain.of(c) : server.domain(c);
    }

    private static String columns(SqlNames n, List<String> names) {
        return String.join(", ", names.stream().map(n::quote).toList());
    }
}
