package dev.syncwright.dialect;

import java.util.List;
import java.util.Objects;

/**
 * One column of a tracked table.
 *
 * @param name           the column name as stored in the catalog
 * @param nativeType     the type as the database spells it (used to give tracking tables the same key types)
 * @param type           the portable type
 * @param nullable       whether NULL is allowed
 * @param keyPosition    1-based position in the primary key, 0 when not part of it
 * @param changeUnit     the change-unit index (0-based, stable for life, never renumbered), -1 for key columns
 * @param generated      computed by the database from other columns: never written by the provider; its
 *                       stored value travels like any other (a client holds it as a plain column)
 * @param defaultValue   what the database writes when an INSERT gives no value, or null
 * @param allowedValues  the only values the column accepts (an enumeration: PostgreSQL enum, MySQL ENUM
 *                       or, with {@code multipleValues}, MySQL SET), in declaration order; null otherwise
 * @param multipleValues a MySQL SET: a comma-separated subset of {@code allowedValues}
 */
public record ColumnDefinition(String name, String nativeType, PortableType type, boolean nullable,
                               int keyPosition, int changeUnit, boolean generated, ColumnDefault defaultValue,
                               List<String> allowedValues, boolean multipleValues) {
    public ColumnDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nativeType, "nativeType");
        Objects.requireNonNull(type, "type");
        allowedValues = allowedValues == null ? null : List.copyOf(allowedValues);
    }

    /** A plain column: written by the provider, no default, any value of its type. */
    public ColumnDefinition(String name, String nativeType, PortableType type, boolean nullable, int keyPosition, int changeUnit) {
        this(name, nativeType, type, nullable, keyPosition, changeUnit, false, null, null, false);
    }

    public boolean inPrimaryKey() {
        return keyPosition > 0;
    }

    public ColumnDefinition withChangeUnit(int index) {
        return new ColumnDefinition(name, nativeType, type, nullable, keyPosition, index, generated, defaultValue,
                allowedValues, multipleValues);
    }

    public ColumnDefinition withDefault(ColumnDefault d) {
        return new ColumnDefinition(name, nativeType, type, nullable, keyPosition, changeUnit, generated, d,
                allowedValues, multipleValues);
    }

    public ColumnDefinition asGenerated() {
        return new ColumnDefinition(name, nativeType, type, nullable, keyPosition, changeUnit, true, defaultValue,
                allowedValues, multipleValues);
    }

    public ColumnDefinition withAllowedValues(List<String> values, boolean multiple) {
        return new ColumnDefinition(name, nativeType, type, nullable, keyPosition, changeUnit, generated, defaultValue,
                values, multiple);
    }
}
