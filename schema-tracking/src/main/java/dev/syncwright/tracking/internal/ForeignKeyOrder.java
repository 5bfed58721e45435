package dev.syncwright.tracking.internal;

import dev.syncwright.dialect.ForeignKey;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TableName;
import dev.syncwright.tracking.ProvisioningException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Orders tables parents-first along the foreign keys between them (keys to tables outside the scope are
 * ignored, self-references allowed). A cycle is refused with an error that spells it out: applying
 * inserts parents-first would otherwise be impossible without deferred constraints.
 */
public final class ForeignKeyOrder {
    private ForeignKeyOrder() {
    }

    public static List<TableDefinition> sort(List<TableDefinition> tables) {
        Map<TableName, TableDefinition> byName = new LinkedHashMap<>();
        tables.forEach(t -> byName.put(t.name(), t));
        List<TableDefinition> out = new ArrayList<>();
        Set<TableName> done = new LinkedHashSet<>();
        for (TableDefinition t : tables) {
            visit(t, byName, done, new ArrayList<>(), out);
        }
        return out;
    }

    private static void visit(TableDefinition t, Map<TableName, TableDefinition> byName, Set<TableName> done,
                              List<TableName> path, List<TableDefinition> out) {
        if (done.contains(t.name())) {
            return;
        }
        int at = path.indexOf(t.name());
        if (at >= 0) {
            List<String> cycle = new ArrayList<>();
            path.subList(at, path.size()).forEach(n -> cycle.add(n.toString()));
            cycle.add(t.name().toString());
            throw new ProvisioningException("Foreign keys form a cycle: " + String.join(" -> ", cycle)
                    + "; Syncwright applies parents before children and cannot order these tables. "
                    + "Leave one of them out of the scope or make one key a plain column");
        }
        path.add(t.name());
        for (ForeignKey fk : t.foreignKeys()) {
            TableDefinition parent = byName.get(fk.referenced());
            if (parent != null && !parent.name().equals(t.name())) {
                visit(parent, byName, done, path, out);
            }
        }
        path.remove(path.size() - 1);
        done.add(t.name());
        out.add(t);
    }
}
