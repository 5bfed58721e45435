package dev.syncwright.tracking;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.SchemaException;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.SqlStatement;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TableName;
import dev.syncwright.tracking.internal.ForeignKeyOrder;
import dev.syncwright.tracking.internal.Reconciler;
import dev.syncwright.tracking.internal.ScopeRegistry;
import dev.syncwright.tracking.internal.ScopeRegistry.StoredScope;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Computes provisioning plans against the current catalog, on the caller's connection. */
final class Planner {
    private final Dialect dialect;
    private final ScopeRegistry registry;

    Planner(Dialect dialect) {
        this.dialect = dialect;
        this.registry = new ScopeRegistry(dialect.names());
    }

    ProvisioningPlan provision(Connection c, SyncScope scope) {
        return provision(c, scope, null);
    }

    /**
     * With a {@code template} (another replica's definition of the same scope), tables take the
     * template's order and change-unit indexes, so that both replicas mean the same column by the
     * same index.
     */
    ProvisioningPlan provision(Connection c, SyncScope scope, ScopeDefinition template) {
        boolean syncObjects = dialect.schema().syncObjectsExist(c);
        Optional<StoredScope> stored = syncObjects ? registry.load(c, scope.name()) : Optional.empty();
        List<TableDefinition> sorted = ForeignKeyOrder.sort(introspect(c, scope));
        List<TableDefinition> live = template == null ? sorted : TemplateAlignment.align(sorted, template);
        for (TableDefinition t : live) {
            if (syncObjects) {
                registry.owner(c, t.name()).filter(owner -> !owner.equals(scope.name())).ifPresent(owner -> {
                    throw new ProvisioningException("Table " + t.name() + " is already tracked by scope '" + owner
                            + "'; a table belongs to at most one scope");
                });
            }
        }
        List<SqlStatement> out = new ArrayList<>();
        if (stored.isEmpty()) {
            if (!syncObjects) {
                out.addAll(dialect.tracking().createSyncObjects());
            }
            ScopeDefinition def = new ScopeDefinition(scope.name(), 1, live);
            out.add(registry.insertScope(def, UUID.randomUUID().toString()));
            for (TableDefinition t : live) {
                out.addAll(dialect.tracking().provisionTable(t));
                out.add(registry.register(scope.name(), t.name()));
            }
            return new ProvisioningPlan(scope.name(), dialect.id(), out, def);
        }
        ScopeDefinition old = stored.get().definition();
        List<String> missing = old.tables().stream().map(TableDefinition::name)
                .filter(n -> live.stream().noneMatch(t -> t.name().equals(n))).map(TableName::toString).toList();
        if (!missing.isEmpty()) {
            throw new ProvisioningException("Scope '" + scope.name() + "' also tracks " + missing + ", which the request leaves out; "
                    + "removing tables from a scope is not supported yet (deprovision the scope and provision it again)");
        }
        List<TableDefinition> merged = new ArrayList<>();
        for (TableDefinition t : live) {
            Optional<TableDefinition> before = old.table(t.name());
            if (before.isEmpty()) {
                out.addAll(dialect.tracking().provisionTable(t));
                out.add(registry.register(scope.name(), t.name()));
                merged.add(t);
                continue;
            }
            TableDefinition after = Reconciler.merge(before.get(), t);
            if (template != null) {
                TemplateAlignment.check(after, template);
            }
            if (!sameColumns(before.get(), after)) {
                out.addAll(dialect.tracking().alterTable(before.get(), after));
            }
            merged.add(after);
        }
        ScopeDefinition def = new ScopeDefinition(scope.name(), old.version(), merged);
        if (!def.equals(old)) {
            def = new ScopeDefinition(scope.name(), old.version() + 1, merged);
            out.add(registry.updateDefinition(def));
        }
        return new ProvisioningPlan(scope.name(), dialect.id(), out, def);
    }

    ProvisioningPlan deprovision(Connection c, String scope) {
        StoredScope stored = (dialect.schema().syncObjectsExist(c) ? registry.load(c, scope) : Optional.<StoredScope>empty())
                .orElseThrow(() -> new ProvisioningException("Scope '" + scope + "' is not provisioned in this database"));
        List<TableDefinition> tables = new ArrayList<>(stored.definition().tables());
        java.util.Collections.reverse(tables);
        List<SqlStatement> out = new ArrayList<>();
        for (TableDefinition t : tables) {
            out.addAll(dialect.tracking().deprovisionTable(t));
        }
        out.addAll(registry.delete(scope));
        if (registry.otherScopes(c, scope) == 0) {
            out.addAll(dialect.tracking().dropSyncObjects());
        }
        return new ProvisioningPlan(scope, dialect.id(), out, null);
    }

    /** Resolves and reads the requested tables, refusing unknown tables and tables without a primary key. */
    List<TableDefinition> introspect(Connection c, SyncScope scope) {
        Set<TableName> names = new LinkedHashSet<>();
        for (SyncScope.Typed n : scope.typedTables()) {
            names.add(dialect.schema().resolve(c, n.schema(), n.table()).orElseThrow(() -> new ProvisioningException(
                    "Unknown table '" + n + "' in scope '" + scope.name() + "': no such table in "
                            + (n.schema() == null ? "the default schema" : "schema '" + n.schema() + "'"))));
        }
        names.addAll(scope.qualifiedTables());
        requireDistinctPlainNames(names, scope.name());
        List<TableDefinition> out = new ArrayList<>();
        for (TableName n : names) {
            TableDefinition t = dialect.schema().read(c, n);
            if (t.primaryKey().isEmpty()) {
                throw new ProvisioningException("Table " + n + " has no primary key; Syncwright identifies rows by their "
                        + "primary key, so add one (a UUID column works well for offline inserts)");
            }
            for (ColumnDefinition k : t.primaryKey()) {
                if (SqlNames.reserved(k.name())) {
                    throw new SchemaException("Key column " + n + "." + k.name() + " uses a name reserved for tracking columns");
                }
            }
            out.add(t);
        }
        return out;
    }

    /**
     * A client creates the scope's tables by their plain name (one SQLite namespace, case-insensitive),
     * so two tables from different schemas, or differing only in case, could not both live there.
     */
    private static void requireDistinctPlainNames(Set<TableName> names, String scope) {
        Map<String, TableName> seen = new HashMap<>();
        for (TableName n : names) {
            TableName other = seen.putIfAbsent(n.name().toLowerCase(Locale.ROOT), n);
            if (other != null) {
                throw new ProvisioningException("Tables " + other + " and " + n + " of scope '" + scope + "' have the same "
                        + "name; a client creates the scope's tables by name alone and could not hold both");
            }
        }
    }

    private static boolean sameColumns(TableDefinition a, TableDefinition b) {
        return a.changeUnitCount() == b.changeUnitCount()
                && a.changeUnits().stream().map(ColumnDefinition::name).toList()
                        .equals(b.changeUnits().stream().map(ColumnDefinition::name).toList())
                && a.columns().stream().map(ColumnDefinition::nativeType).toList()
                        .equals(b.columns().stream().map(ColumnDefinition::nativeType).toList());
    }
}
