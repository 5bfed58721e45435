package dev.syncwright.tracking.liquibase;

import static dev.syncwright.dialect.SqlStatement.Kind.DELETE;
import static dev.syncwright.dialect.SqlStatement.Kind.INSERT;

import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.SqlStatement;
import dev.syncwright.dialect.SyncTable;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.tracking.ProvisioningPlan;
import dev.syncwright.tracking.ScopeDefinition;
import dev.syncwright.tracking.internal.ScopeRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits a flat plan into changeSets: shared sync objects, the scope row, one per table, and the
 * rest (re-provisioning after drift). A plan is only a list, so statements are recognised by
 * comparing them with what the dialect generates for the same definition; generation is
 * deterministic, and anything not recognised still lands, in plan order, in the last changeSet.
 *
 * <p>A table's statements stay in one changeSet on purpose: on PostgreSQL the trigger takes a lock
 * that keeps writers out until commit, which is what makes the backfill exact (DESIGN §3), and
 * Liquibase commits per changeSet.
 */
final class ChangeSetGrouping {
    private static final String SYNC_OBJECTS = "sync-objects";
    private static final String SCOPE = "scope";
    private static final String REPROVISION = "reprovision";

    private final ProvisioningPlan plan;
    private final Dialect dialect;
    private final ScopeDefinition definition;
    private final ScopeRegistry registry;

    ChangeSetGrouping(ProvisioningPlan plan, Dialect dialect) {
        if (!dialect.madeThis(plan.dialect())) {
            throw new IllegalArgumentException("The plan is written for " + plan.dialect() + ", not " + dialect.id());
        }
        this.plan = plan;
        this.dialect = dialect;
        this.definition = plan.definition().orElseThrow(() -> new IllegalArgumentException(
                "Scope '" + plan.scope() + "': a deprovisioning plan cannot be written as a provisioning changelog"));
        this.registry = new ScopeRegistry(dialect.names());
    }

    List<ChangeSetSpec> changeSets() {
        Map<SqlStatement, String> owner = new HashMap<>();
        dialect.tracking().createSyncObjects().forEach(s -> owner.put(s, SYNC_OBJECTS));
        Map<String, TableDefinition> tables = new HashMap<>();
        for (TableDefinition t : definition.tables()) {
            String key = "table:" + t.name();
            tables.put(key, t);
            dialect.tracking().provisionTable(t).forEach(s -> owner.putIfAbsent(s, key));
            owner.putIfAbsent(registry.register(plan.scope(), t.name()), key);
        }
        String scopeObject = "scope " + plan.scope();
        Map<String, List<SqlStatement>> groups = new LinkedHashMap<>();
        for (SqlStatement s : plan.statements()) {
            String key = owner.get(s);
            if (key == null) {
                key = s.kind() == INSERT && s.object().equals(scopeObject) ? SCOPE : REPROVISION;
            }
            groups.computeIfAbsent(key, k -> new ArrayList<>()).add(key.equals(SCOPE)
                    ? ReplicaIds.fresh(s, plan.scope(), dialect.names(), dialect.randomUuid()) : s);
        }
        List<ChangeSetSpec> out = new ArrayList<>();
        groups.forEach((key, statements) -> out.add(spec(key, statements, tables.get(key))));
        return out;
    }

    private ChangeSetSpec spec(String key, List<SqlStatement> statements, TableDefinition table) {
        String id = "syncwright:" + plan.scope() + ":v" + definition.version() + ":" + key;
        return switch (key) {
            case SYNC_OBJECTS -> new ChangeSetSpec(id, "Syncwright shared objects: scope table, table registry, conflict log, clock",
                    statements, dialect.tracking().dropSyncObjects());
            case SCOPE -> new ChangeSetSpec(id, "Scope '" + plan.scope() + "' (each database draws its own replica id)",
                    statements, registry.delete(plan.scope()));
            case REPROVISION -> new ChangeSetSpec(id, "Re-provisioning of scope '" + plan.scope() + "' to definition version "
                    + definition.version() + " (no automatic rollback)", statements, List.of());
            default -> new ChangeSetSpec(id, "Change tracking for table " + table.name() + ": tracking table, triggers, backfill",
                    statements, tableRollback(table));
        };
    }

    private List<SqlStatement> tableRollback(TableDefinition t) {
        SqlNames n = dialect.names();
        List<SqlStatement> out = new ArrayList<>(dialect.tracking().deprovisionTable(t));
        out.add(SqlStatement.of(DELETE, "scope " + plan.scope() + " table " + t.name(), "DELETE FROM "
                + n.syncTable(SyncTable.SCOPE_TABLES) + " WHERE table_schema = " + n.literal(t.name().schema() == null ? ""
                : t.name().schema()) + " AND table_name = " + n.literal(t.name().name())));
        return out;
    }
}
