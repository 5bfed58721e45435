package dev.syncwright.dialect;

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
 */
public record ColumnDefinition(String name, String nativeType, PortableType type, boolean nullable,
                               int keyPosition, int changeUnit) {
    public ColumnDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(nativeType, "nativeType");
        Objects.requireNonNull(type, "type");
    }

    public boolean inPrimaryKey() {
        return keyPosition > 0;
    }

    public ColumnDefinition withChangeUnit(int index) {
        return new ColumnDefinition(name, nativeType, type, nullable, keyPosition, index);
    }
}
