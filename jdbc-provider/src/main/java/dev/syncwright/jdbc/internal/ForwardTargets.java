package dev.syncwright.jdbc.internal;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.spi.ItemWrite;
import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.ForeignKey;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which forward foreign keys of one row must wait: those whose target is an item written later in
 * this batch (by key when the key references the target's primary key; any later write of the
 * target table otherwise). Keys with a column that cannot be NULL are left to the constraint pass.
 */
final class ForwardTargets {
    private final JdbcScope scope;
    private final TableModel table;
    private final List<ForeignKey> keys;
    private final Map<Integer, List<ItemWrite>> byTable;

    ForwardTargets(JdbcScope scope, TableModel table, List<ForeignKey> keys, Map<Integer, List<ItemWrite>> byTable) {
        this.scope = scope;
        this.table = table;
        this.keys = keys;
        this.byTable = byTable;
    }

    List<ColumnDefinition> deferred(Object[] values, int position) {
        if (keys.isEmpty()) {
            return List.of();
        }
        List<ColumnDefinition> out = new ArrayList<>();
        for (ForeignKey fk : keys) {
            List<ColumnDefinition> cols = fk.columns().stream().map(n -> table.def.column(n).orElse(null)).toList();
            if (cols.stream().anyMatch(c -> c == null || !c.nullable() || c.inPrimaryKey() || c.generated())) {
                continue;
            }
            Object[] ref = cols.stream().map(c -> values[c.changeUnit()]).toArray();
            if (java.util.Arrays.stream(ref).anyMatch(v -> v == null) || !writtenLater(fk, ref, position)) {
                continue;
            }
            cols.stream().filter(c -> !out.contains(c)).forEach(out::add);
        }
        return out;
    }

    private boolean writtenLater(ForeignKey fk, Object[] ref, int position) {
        int target = -1;
        for (int i = 0; i < scope.tables.size(); i++) {
            if (scope.tables.get(i).def.name().equals(fk.referenced())) {
                target = i;
            }
        }
        List<ItemWrite> candidates = byTable.getOrDefault(target, List.of()).stream()
                .filter(w -> w.kind() == ItemWrite.Kind.UPSERT).toList();
        TableModel tt = scope.tables.get(target);
        boolean self = tt == table;
        List<ItemWrite> later = self ? candidates.subList(Math.min(candidates.size(), position + 1), candidates.size()) : candidates;
        List<String> pk = tt.key.stream().map(ColumnDefinition::name).toList();
        if (!pk.equals(fk.referencedColumns())) {
            return !later.isEmpty();
        }
        Set<ItemId> ids = new HashSet<>();
        later.forEach(w -> ids.add(w.itemId()));
        try {
            return ids.contains(tt.keys.encode(ref));
        } catch (RuntimeException notAKey) {
            return false; // a value the key codec refuses cannot be any written row's key
        }
    }
}
