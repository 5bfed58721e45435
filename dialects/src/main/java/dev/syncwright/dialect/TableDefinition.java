package dev.syncwright.dialect;

import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A tracked table as the scope definition records it. {@code columns} are in catalog order;
 * {@code changeUnitCount} is the number of {@code sw_v} columns of the tracking table, which can be
 * larger than the number of non-key columns when a column was dropped (its index is retired, never
 * reused). {@code partitioned}: a PostgreSQL partitioned table, whose rows live in its partitions.
 */
public record TableDefinition(TableName name, List<ColumnDefinition> columns, List<ForeignKey> foreignKeys,
                              List<UniqueConstraint> uniqueConstraints, int changeUnitCount, boolean partitioned) {
    public TableDefinition {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        foreignKeys = List.copyOf(foreignKeys);
        uniqueConstraints = List.copyOf(uniqueConstraints);
    }

    public TableDefinition(TableName name, List<ColumnDefinition> columns, List<ForeignKey> foreignKeys,
                           List<UniqueConstraint> uniqueConstraints, int changeUnitCount) {
        this(name, columns, foreignKeys, uniqueConstraints, changeUnitCount, false);
    }

    /** The primary-key columns in key order. */
    public List<ColumnDefinition> primaryKey() {
        return columns.stream().filter(ColumnDefinition::inPrimaryKey)
                .sorted(Comparator.comparingInt(ColumnDefinition::keyPosition)).toList();
    }

    /** The non-key columns (the change units) ordered by change-unit index. */
    public List<ColumnDefinition> changeUnits() {
        return columns.stream().filter(c -> !c.inPrimaryKey())
                .sorted(Comparator.comparingInt(ColumnDefinition::changeUnit)).toList();
    }

    public Optional<ColumnDefinition> column(String columnName) {
        return columns.stream().filter(c -> c.name().equals(columnName)).findFirst();
    }

    public TableDefinition withColumns(List<ColumnDefinition> newColumns, int newChangeUnitCount) {
        return new TableDefinition(name, newColumns, foreignKeys, uniqueConstraints, newChangeUnitCount, partitioned);
    }
}
