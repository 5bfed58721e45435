package dev.syncwright.jdbc.internal;

import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which tables of a scope the database may write differently from what the provider writes (their
 * triggers, generated and on-update columns, normalizing types, cascades into themselves), read
 * from the catalog once per session: triggers come and go without re-provisioning. Their writes are
 * tracked by the triggers and read back ({@link ReadBack}); the other tables' are suppressed.
 */
public final class ApplyEffects {
    private Map<TableModel, List<String>> effects;

    synchronized Set<TableModel> careful(JdbcScope scope, Connection c) {
        if (effects == null) {
            Map<TableModel, List<String>> found = new LinkedHashMap<>();
            for (TableModel t : scope.tables) {
                List<String> e = scope.dialect.schema().applyEffects(c, t.def);
                if (!e.isEmpty()) {
                    found.put(t, e);
                }
            }
            effects = found;
        }
        return effects.keySet();
    }

    /** The tables among {@link #careful} that have triggers of the user's: those may write any other table. */
    synchronized Set<TableModel> triggered() {
        return effects == null ? Set.of() : effects.entrySet().stream()
                .filter(e -> e.getValue().stream().anyMatch(r -> r.startsWith("trigger "))).map(Map.Entry::getKey)
                .collect(Collectors.toSet());
    }

    /** For messages and logs: "table: reason, reason; ...". */
    synchronized String describe() {
        return effects == null ? "" : effects.entrySet().stream()
                .map(e -> e.getKey().name() + ": " + String.join(", ", e.getValue())).collect(Collectors.joining("; "));
    }
}
