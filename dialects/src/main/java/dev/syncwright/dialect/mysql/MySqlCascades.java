package dev.syncwright.dialect.mysql;

import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_TABLE;
import static dev.syncwright.dialect.SqlStatement.Kind.CREATE_TRIGGER;
import static dev.syncwright.dialect.SqlStatement.Kind.DROP_TABLE;
import static dev.syncwright.dialect.SqlStatement.Kind.DROP_TRIGGER;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.ForeignKey;
import dev.syncwright.dialect.SqlStatement;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TableName;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * What MySQL and MariaDB do to a tracked table without firing its triggers, made visible (ADR 042):
 * <ul>
 *   <li><b>Foreign-key actions.</b> InnoDB runs CASCADE, SET NULL and SET DEFAULT without firing any
 *   trigger of the child table, so the tracking triggers never see the rows they delete or change.
 *   For each foreign key of a tracked table with such an action, a BEFORE DELETE (or BEFORE UPDATE)
 *   trigger on the referenced table marks the child rows the action is about to delete (tombstones)
 *   or change (the key's columns), pending like any trigger write; a table's foreign key to itself
 *   follows the whole subtree with a recursive query, as the cascade does. The marks commit or roll
 *   back with the statement. A chain of cascades through another table is refused at provisioning
 *   ({@link MySqlSchemaReader#untrackedCascades}).</li>
 *   <li><b>TRUNCATE.</b> It bypasses row triggers; PostgreSQL refuses it with a trigger, MySQL has no
 *   TRUNCATE trigger. InnoDB refuses to truncate a table that another table's foreign key references,
 *   so each tracked table gets an empty guard table referencing it: TRUNCATE then fails with an error
 *   naming the constraint {@code syncwright_notruncate_<table>}. Deletes pay one index probe of the
 *   empty guard.</li>
 * </ul>
 */
final class MySqlCascades {
    private final MySqlNames names;
    private final boolean mariaDb;

    MySqlCascades(MySqlNames names, boolean mariaDb) {
        this.names = names;
        this.mariaDb = mariaDb;
    }

    List<SqlStatement> create(MySqlTable t, TableDefinition def) {
        List<SqlStatement> out = new ArrayList<>();
        out.add(SqlStatement.of(CREATE_TABLE, guardName(t.name()).toString(), guard(t)));
        for (ForeignKey fk : def.foreignKeys()) {
            if (fk.writesOnDelete()) {
                out.add(SqlStatement.of(CREATE_TRIGGER, fk.referenced() + " delete cascade " + fk.name(),
                        trigger(fk, 'x', "DELETE", onDelete(t, fk))));
            }
            if (fk.writesOnUpdate()) {
                out.add(SqlStatement.of(CREATE_TRIGGER, fk.referenced() + " update cascade " + fk.name(),
                        trigger(fk, 'y', "UPDATE", onUpdate(t, fk))));
            }
        }
        return out;
    }

    /** Everything {@link #create} made, for the definition as it was provisioned. */
    List<SqlStatement> drop(TableDefinition def) {
        List<SqlStatement> out = dropTriggers(def.foreignKeys());
        out.add(SqlStatement.of(DROP_TABLE, guardName(def.name()).toString(), "DROP TABLE IF EXISTS " + names.table(guardName(def.name()))));
        return out;
    }

    /**
     * Before {@link #create} for {@code after}: drops the cascade triggers of {@code before} that
     * {@code after} does not replace in place (all of them unless {@code replaceInPlace}).
     */
    List<SqlStatement> dropReplaced(TableDefinition before, TableDefinition after, boolean replaceInPlace) {
        List<ForeignKey> gone = before.foreignKeys().stream().filter(fk -> !replaceInPlace || after.foreignKeys().stream()
                .noneMatch(a -> a.name().equals(fk.name()) && a.referenced().equals(fk.referenced())
                        && a.writesOnDelete() == fk.writesOnDelete() && a.writesOnUpdate() == fk.writesOnUpdate())).toList();
        return dropTriggers(gone);
    }

    private List<SqlStatement> dropTriggers(List<ForeignKey> fks) {
        List<SqlStatement> out = new ArrayList<>();
        for (ForeignKey fk : fks) {
            if (fk.writesOnUpdate()) {
                out.add(SqlStatement.of(DROP_TRIGGER, fk.referenced() + " update cascade " + fk.name(),
                        "DROP TRIGGER IF EXISTS " + triggerName(fk, 'y')));
            }
            if (fk.writesOnDelete()) {
                out.add(SqlStatement.of(DROP_TRIGGER, fk.referenced() + " delete cascade " + fk.name(),
                        "DROP TRIGGER IF EXISTS " + triggerName(fk, 'x')));
            }
        }
        return out;
    }

    private TableName guardName(TableName t) {
        return new TableName(t.schema(), MySqlNames.derived("g_", t.name()));
    }

    private String guard(MySqlTable t) {
        String cols = t.key().stream().map(c -> "  " + names.quote(c.name()) + " " + c.nativeType() + " NOT NULL,\n")
                .collect(Collectors.joining());
        String keys = t.key().stream().map(c -> names.quote(c.name())).collect(Collectors.joining(", "));
        return """
                CREATE TABLE IF NOT EXISTS %s (
                %s  CONSTRAINT %s FOREIGN KEY (%s) REFERENCES %s (%s)
                ) ENGINE=InnoDB""".formatted(names.table(guardName(t.name())), cols,
                names.quote(MySqlNames.derived("notruncate_", t.name().name())), keys, names.table(t.name()), keys);
    }

    /** One trigger per foreign key and event, on the referenced table, named after the key's owner and name. */
    private String triggerName(ForeignKey fk, char event) {
        return names.table(new TableName(fk.referenced().schema(), MySqlNames.derived(event + "_", fk.referenced().name()
                + "_" + MySqlNames.shortHash(fk.name()))));
    }

    private String trigger(ForeignKey fk, char event, String verb, String body) {
        String create = mariaDb ? "CREATE OR REPLACE TRIGGER" : "CREATE TRIGGER";
        return create + " " + triggerName(fk, event) + " BEFORE " + verb + " ON " + names.table(fk.referenced())
                + " FOR EACH ROW\nBEGIN\n" + body.indent(2) + "END";
    }

    /** Rows the action deletes become pending tombstones; rows it re-points get their key columns' units pending. */
    private String onDelete(MySqlTable t, ForeignKey fk) {
        boolean self = fk.referenced().name().equals(t.name().name());
        String rows;
        if (fk.onDelete().equals("CASCADE") && self) {
            List<String> cols = new ArrayList<>(t.key().stream().map(ColumnDefinition::name).toList());
            fk.referencedColumns().stream().filter(c -> !cols.contains(c)).forEach(cols::add);
            String plain = cols.stream().map(names::quote).collect(Collectors.joining(", "));
            String aliased = cols.stream().map(c -> "x." + names.quote(c)).collect(Collectors.joining(", "));
            rows = "WITH RECURSIVE sw_d AS (\n  SELECT " + plain + " FROM " + names.table(t.name()) + " WHERE " + match(fk, "", "OLD.")
                    + "\n  UNION\n  SELECT " + aliased + " FROM " + names.table(t.name()) + " x JOIN sw_d ON "
                    + match(fk, "x.", "sw_d.") + "\n)\nSELECT " + keyList(t, "") + ", 1, -1, -1, UTC_TIMESTAMP(6) FROM sw_d";
        } else {
            rows = "SELECT " + keyList(t, "") + ", 1, -1, " + (fk.onDelete().equals("CASCADE") ? "-1" : "NULL")
                    + ", UTC_TIMESTAMP(6) FROM " + names.table(t.name()) + " WHERE " + match(fk, "", "OLD.");
        }
        return mark(t, fk, rows, fk.onDelete().equals("CASCADE")) + ";\n";
    }

    private String onUpdate(MySqlTable t, ForeignKey fk) {
        String changed = fk.referencedColumns().stream().map(c -> "NOT (OLD." + names.quote(c) + " <=> NEW." + names.quote(c) + ")")
                .collect(Collectors.joining(" OR "));
        String rows = "SELECT " + keyList(t, "") + ", 1, -1, NULL, UTC_TIMESTAMP(6) FROM " + names.table(t.name()) + " WHERE "
                + match(fk, "", "OLD.");
        return "IF " + changed + " THEN\n" + (mark(t, fk, rows, false) + ";").indent(2) + "END IF;\n";
    }

    /**
     * Upserts the tracking rows of {@code rows} (key, sw_pend, sw_cv, sw_dv, sw_at). A row already a
     * tombstone stays as it is; a live one becomes a pending tombstone, or gets the key's units pending.
     * MySQL evaluates ON DUPLICATE KEY assignments left to right: sw_pend is decided on the old sw_dv.
     */
    private String mark(MySqlTable t, ForeignKey fk, String rows, boolean tombstone) {
        StringBuilder set = new StringBuilder("`sw_pend` = IF(`sw_dv` IS NULL, 1, `sw_pend`), `sw_at` = UTC_TIMESTAMP(6)");
        if (tombstone) {
            set.append(", `sw_dv` = IF(`sw_dv` IS NULL, -1, `sw_dv`)");
        } else {
            for (ColumnDefinition c : t.units()) {
                if (fk.columns().contains(c.name())) {
                    String v = "`sw_v" + c.changeUnit() + "`";
                    set.append(", ").append(v).append(" = IF(`sw_dv` IS NULL, -1, ").append(v).append(")");
                }
            }
        }
        return "INSERT INTO " + names.trackingTable(t.name()) + " (" + keyList(t, "") + ", `sw_pend`, `sw_cv`, `sw_dv`, `sw_at`)\n"
                + rows + "\nON DUPLICATE KEY UPDATE " + set;
    }

    private String match(ForeignKey fk, String child, String parent) {
        return IntStream.range(0, fk.columns().size()).mapToObj(i -> child + names.quote(fk.columns().get(i)) + " = " + parent
                + names.quote(fk.referencedColumns().get(i))).collect(Collectors.joining(" AND "));
    }

    private String keyList(MySqlTable t, String alias) {
        return t.key().stream().map(c -> alias + names.quote(c.name())).collect(Collectors.joining(", "));
    }
}
