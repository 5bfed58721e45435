package dev.syncwright.dialect;

import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/** Introspects the user's tables. */
public interface SchemaReader {

    /**
     * Finds a table by the name a user typed, in the connection's default schema: the exact name
     * first, else the only case-insensitive match. Empty when there is none.
     */
    default Optional<TableName> resolve(Connection connection, String name) {
        return resolve(connection, null, name);
    }

    /**
     * Finds a table by the schema and name a user typed ({@code schema} null: the connection's
     * default schema), each the exact name first, else the only case-insensitive match. Empty when
     * the schema has no such table. Throws {@link SchemaException} naming it when the schema does not
     * exist or cannot be tracked here, and when the name is a view or another relation that is not a
     * table: only tables can be tracked, and "no such table" would mislead.
     */
    Optional<TableName> resolve(Connection connection, String schema, String name);

    /**
     * Reads a table: columns in catalog order with portable types, defaults and generated columns,
     * primary key, foreign keys (with their actions) and unique constraints. Non-key columns get
     * change-unit indexes in catalog order (the caller keeps older indexes when it re-provisions).
     * Throws {@link SchemaException} naming the table when it does not exist, and naming every column
     * whose type cannot be synchronized, all at once.
     */
    TableDefinition read(Connection connection, TableName table);

    /** Whether the shared sync objects (scope table etc.) exist in this database. */
    boolean syncObjectsExist(Connection connection);

    /**
     * Why a write of {@code table} may store something other than the values written, or write other
     * rows of it: the user's own triggers, generated or on-update columns, types whose input rewrites
     * the text it is given, foreign keys of the table to itself with a referential action. Empty when
     * the database stores exactly what is written and nothing else. The provider reads such tables
     * back after applying changes to them (ADR 042). Read from the catalog each session: triggers come
     * and go without re-provisioning.
     */
    List<String> applyEffects(Connection connection, TableDefinition table);

    /**
     * What is missing of the tracking of a provisioned table: a trigger dropped or disabled (a table
     * rebuilt, a restore without triggers), the tracking table gone. Empty when all is in place.
     * Checked at the start of every session, so it must be cheap: catalog lookups only.
     */
    List<String> trackingProblems(Connection connection, TableDefinition table);

    /**
     * {@link #trackingProblems}, where {@code bulkLoading} says the table is in a bulk load
     * ({@link TrackingSql#enterBulkLoad}) not completed yet: its INSERT trigger is not missing then.
     */
    default List<String> trackingProblems(Connection connection, TableDefinition table, boolean bulkLoading) {
        return trackingProblems(connection, table);
    }

    /**
     * One catalog read whose value changes whenever the answer of {@link #trackingProblems} or of a
     * table's {@link #read} could (a table, its columns, types, keys, triggers or tracking table
     * created, dropped, altered or disabled), so that a server that found tracking whole may skip the
     * full check while the value stays the same (ADR 056). Empty (the default): the database offers
     * no such value, and the full check runs every time.
     */
    default java.util.Optional<String> catalogFingerprint(Connection connection, List<TableName> tables) {
        return catalogFingerprintQuery(connection, tables).map(q -> Jdbc.query(connection, q.sql(), "the catalog of " + tables,
                rs -> rs.getString(1), q.values().toArray()).get(0));
    }

    /**
     * {@link #catalogFingerprint} as one scalar query another statement can carry (ADR 060); empty
     * (the default) where the database computes no fingerprint, or computes it in more than one query.
     */
    default java.util.Optional<BoundQuery> catalogFingerprintQuery(Connection connection, List<TableName> tables) {
        return java.util.Optional.empty();
    }

    /**
     * Changes the database would make to {@code table} that no trigger can see, each described with
     * the objects at fault; provisioning refuses the table when there are any. Empty by default.
     */
    default List<String> untrackableChanges(Connection connection, TableDefinition table) {
        return List.of();
    }

    /**
     * Why a column of this database, {@code local}, cannot hold every value of another replica's
     * column {@code other} exactly; null when it can. By default the portable types must be of one
     * kind (TEXT and an unbounded VARCHAR count as one; an integer at least as wide; a NUMERIC with at
     * least the digits on both sides of the point).
     */
    default String cannotHold(ColumnDefinition local, ColumnDefinition other) {
        return PortableType.holds(local.type(), other.type()) ? null
                : "is " + local.type() + " (" + local.nativeType() + ") here but " + other.type() + " (" + other.nativeType() + ") there";
    }

    /** The effects that follow from the definition alone; {@code normalizes} says which columns' types rewrite values. */
    static List<String> definitionEffects(TableDefinition table, Predicate<ColumnDefinition> normalizes) {
        List<String> out = new ArrayList<>();
        for (ColumnDefinition c : table.columns()) {
            if (c.generated()) {
                out.add("generated column " + c.name());
            } else if (normalizes.test(c)) {
                out.add("column " + c.name() + " of type " + c.nativeType() + ", which the database stores in its own spelling");
            }
        }
        for (ForeignKey fk : table.foreignKeys()) {
            if (fk.referenced().name().equals(table.name().name()) && (fk.writesOnDelete() || fk.writesOnUpdate())) {
                out.add("foreign key " + fk.name() + " of the table to itself (ON DELETE " + fk.onDelete() + ", ON UPDATE "
                        + fk.onUpdate() + ")");
            }
        }
        return out;
    }
}
