package dev.syncwright.tracking.internal;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.tracking.ProvisioningException;
import java.util.ArrayList;
import java.util.List;

/**
 * Merges a live table into its stored definition: existing columns keep their change-unit index,
 * new columns get the next ones, dropped columns retire theirs (never reused). A changed primary
 * key cannot be reconciled: the tracking rows are keyed by it.
 */
public final class Reconciler {
    private Reconciler() {
    }

    public static TableDefinition merge(TableDefinition stored, TableDefinition live) {
        if (!keySignature(stored).equals(keySignature(live))) {
            throw new ProvisioningException("The primary key of table " + live.name() + " changed from " + keySignature(stored)
                    + " to " + keySignature(live) + "; deprovision the scope and provision it again");
        }
        int next = stored.changeUnitCount();
        List<ColumnDefinition> merged = new ArrayList<>();
        for (ColumnDefinition c : live.columns()) {
            if (c.inPrimaryKey()) {
                merged.add(c);
                continue;
            }
            ColumnDefinition old = stored.column(c.name()).orElse(null);
            merged.add(c.withChangeUnit(old != null && !old.inPrimaryKey() ? old.changeUnit() : next++));
        }
        return live.withColumns(merged, next);
    }

    /** Column-level differences between a definition and the live table (drift). */
    public static List<List<String>> diff(TableDefinition stored, TableDefinition live) {
        List<String> added = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        List<String> changed = new ArrayList<>();
        for (ColumnDefinition c : live.columns()) {
            ColumnDefinition old = stored.column(c.name()).orElse(null);
            if (old == null) {
                added.add(c.name());
            } else if (!old.type().equals(c.type()) || old.keyPosition() != c.keyPosition() || old.nullable() != c.nullable()) {
                changed.add(c.name());
            }
        }
        for (ColumnDefinition c : stored.columns()) {
            if (live.column(c.name()).isEmpty()) {
                removed.add(c.name());
            }
        }
        return List.of(added, removed, changed);
    }

    /**
     * The key as rows are identified by it: names and portable types. Not the native spelling: a
     * table rebuilt the usual SQLite way may declare {@code bigint} where it said {@code BIGINT}.
     */
    private static List<String> keySignature(TableDefinition t) {
        return t.primaryKey().stream().map(c -> c.name() + " " + c.type()).toList();
    }
}
