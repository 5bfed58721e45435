package dev.syncwright.tracking;

import dev.syncwright.dialect.ForeignKey;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TableName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders tables parents-first along the foreign keys between them; keys to tables outside the scope
 * are ignored. Foreign keys that form a cycle (two tables referencing each other, longer loops, a
 * table referencing itself) cannot all point backwards in any order: the order follows the keys it
 * can, depth-first in the order the tables were given, and the provider applies the rest in two
 * steps (ADR 042: such a key is written NULL first and set once every row of the batch is in, or
 * checked at commit where the database can defer it).
 */
public final class ForeignKeyOrder {
    private ForeignKeyOrder() {
    }

    public static List<TableDefinition> sort(List<TableDefinition> tables) {
        Map<TableName, TableDefinition> byName = new LinkedHashMap<>();
        tables.forEach(t -> byName.put(t.name(), t));
        List<TableDefinition> out = new ArrayList<>();
        Set<TableName> done = new LinkedHashSet<>();
        Set<TableName> onPath = new LinkedHashSet<>();
        for (TableDefinition t : tables) {
            visit(t, byName, done, onPath, out);
        }
        return out;
    }

    private static void visit(TableDefinition t, Map<TableName, TableDefinition> byName, Set<TableName> done,
                              Set<TableName> onPath, List<TableDefinition> out) {
        if (done.contains(t.name()) || onPath.contains(t.name())) {
            return; // placed already, or a cycle: this key will point forwards
        }
        onPath.add(t.name());
        for (ForeignKey fk : t.foreignKeys()) {
            TableDefinition parent = byName.get(fk.referenced());
            if (parent != null && !parent.name().equals(t.name())) {
                visit(parent, byName, done, onPath, out);
            }
        }
        onPath.remove(t.name());
        done.add(t.name());
        out.add(t);
    }

    /**
     * The foreign keys of {@code tables} (in scope order) that reference the table itself or a table
     * placed after it: rows of the same batch cannot satisfy them by order alone.
     */
    public static Map<TableName, List<ForeignKey>> forwardKeys(List<TableDefinition> tables) {
        Map<TableName, Integer> position = new LinkedHashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            position.put(tables.get(i).name(), i);
        }
        Map<TableName, List<ForeignKey>> out = new LinkedHashMap<>();
        for (int i = 0; i < tables.size(); i++) {
            for (ForeignKey fk : tables.get(i).foreignKeys()) {
                Integer p = position.get(fk.referenced());
                if (p != null && p >= i) {
                    out.computeIfAbsent(tables.get(i).name(), k -> new ArrayList<>()).add(fk);
                }
            }
        }
        return out;
    }
}
