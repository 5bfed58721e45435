package dev.syncwright.dialect;

import dev.syncwright.core.SyncException;
import java.util.Locale;
import java.util.Optional;

/**
 * Type mapping both ways for one database, from {@link Dialect#types()}. <em>As a client</em>: the
 * native type, default and CHECK that make a client column hold exactly what the server's column
 * holds (DESIGN §4, "a client database can start empty"); the type is one this database's own
 * {@link SchemaReader} reads back as the same portable type. <em>As a server</em>: the
 * {@link ColumnDomain} of a column, and what about it no client can hold.
 */
public interface TypeMapping extends ServerTypes {

    // ---------------------------------------------------------------- as a client

    /**
     * This database's native type for a server column whose values are {@code server}.
     *
     * @throws SyncException naming table and column ({@link #refuse}) when no type here holds them exactly
     */
    String nativeType(TableDefinition t, ColumnDefinition c, ColumnDomain server);

    /** Why a column of this database cannot hold the server's column although it has a type for it, if it cannot. */
    default Optional<String> cannotHold(TableDefinition t, ColumnDefinition c, ColumnDomain server) {
        return Optional.empty();
    }

    /**
     * The CHECK expression of a client column, or null: {@code members} (the enumeration's check, or
     * null) and what this database's native type does not enforce of {@code server}. By default only
     * an integer range narrower than the portable kind's.
     */
    default String check(String quoted, ColumnDefinition c, ColumnDomain server, String members) {
        String range = server.narrowerThan(c.type().kind())
                ? quoted + " BETWEEN " + server.integerMin() + " AND " + server.integerMax() : null;
        if (members == null) {
            return range;
        }
        return quoted + " IS NULL OR (" + (range == null ? "" : range + " AND ") + members + ")";
    }

    /** What CREATE TABLE needs after its closing parenthesis (character set, collation), or "". */
    default String tableOptions() {
        return "";
    }

    /** What a nullable column of type {@code type} needs said ("" or " NULL"). */
    default String nullable(PortableType type) {
        return "";
    }

    /** A BOOLEAN column's default for the literal {@code true} or {@code false}. */
    default String booleanDefault(String value) {
        return value.toUpperCase(Locale.ROOT);
    }

    /** A NUMERIC column's default for a decimal literal. */
    default String numericDefault(String value) {
        return value;
    }

    /** Whether ALTER TABLE ... ADD COLUMN accepts a default that is not a constant (the current time). */
    default boolean addsComputedDefaults() {
        return true;
    }

    /** The exception for a column no type here holds: it names table and column. */
    static SyncException refuse(TableDefinition t, ColumnDefinition c, String why) {
        return new SyncException("Table '" + t.name() + "', column '" + c.name() + "' " + why);
    }

    /** {@code (p,s)} of a NUMERIC, or "". */
    static String precisionSuffix(PortableType p) {
        return p.precision() == null ? "" : "(" + p.precision() + "," + (p.scale() == null ? 0 : p.scale()) + ")";
    }

    /** {@code (n)} of a VARCHAR or CHAR, or "". */
    static String lengthSuffix(PortableType p) {
        return p.length() == null ? "" : "(" + p.length() + ")";
    }

    /** {@code (n)} for fewer than 6 fractional digits, or "". */
    static String digitsSuffix(ColumnDomain server) {
        return server.fractionalDigits() < 6 ? "(" + server.fractionalDigits() + ")" : "";
    }
}
