package dev.syncwright.tracking;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.SchemaException;
import dev.syncwright.dialect.SqlNames;
import dev.syncwright.dialect.SqlStatement;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TableName;
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
        List<TableDefinition> live = template == null ? sorted : TemplateAlignment.align(sorted, template, dialect.schema());
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
            return plan(scope.name(), out, def);
        }
        ScopeDefinition old = stored.get().definition();
        List<String> missing = old.tables().stream().map(TableDefinition::name)
                .filter(n -> live.stream().noneMatch(t -> t.name().equals(n))).map(TableName::toString).toList();
        if (!missing.isEmpty()) {
            throw new ProvisioningException("Scope '" + scope.name() + "' also tracks " + missing + ", which the request leaves out; "
                    + "removing tables from a scope is not supported yet (deprovision the scope and provision it again)");
        }
        out.addAll(dialect.tracking().upgradeSyncObjects(c));
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
            // a bulk load not completed (ADR 063) lacks its INSERT trigger by design: not damage, completed below
            List<String> damaged = dialect.schema().trackingProblems(c, before.get(), old.bulkLoading());
            if (damaged.stream().anyMatch(p -> p.startsWith("the tracking table"))) {
                out.addAll(dialect.tracking().provisionTable(after)); // its history is gone: tracked anew from here
            } else {
                if (old.outdated() || !before.get().equals(after)) {
                    out.addAll(dialect.tracking().alterTable(before.get(), after));
                }
                if (!damaged.isEmpty()) {
                    // a table rebuilt or restored without its triggers: triggers again, rows written meanwhile healed
                    out.addAll(dialect.tracking().repairTable(after));
                }
            }
            if (old.bulkLoading()) {
                out.addAll(dialect.tracking().completeBulkLoad(after));
            }
            List<Integer> rewritten = rewrittenUnits(before.get(), after);
            if (template == null && !rewritten.isEmpty()) {
                // ADD COLUMN ... DEFAULT and ALTER ... TYPE wrote these values without firing a trigger
                // (and values written after the ALTER but before this re-provisioning went unseen too):
                // they get a local version now, so that every replica receives them. A client adopting
                // the server's definition must not do this: it would claim the server's values as its own.
                out.addAll(dialect.tracking().stampUnits(after, rewritten));
            }
            merged.add(after);
        }
        ScopeDefinition def = new ScopeDefinition(scope.name(), old.version(), merged, ScopeDefinition.CURRENT_FORMAT)
                .withCapture(old.capture());
        if (!def.equals(old.withBulkLoading(false))) {
            def = new ScopeDefinition(scope.name(), old.version() + 1, merged, ScopeDefinition.CURRENT_FORMAT).withCapture(old.capture());
            out.add(registry.updateDefinition(def));
        } else if (old.bulkLoading()) {
            out.add(registry.updateDefinition(def)); // the bulk load is complete: same shape, same version
        }
        return plan(scope.name(), out, def);
    }

    /**
     * Begins a bulk load (ADR 063), in the caller's transaction, where the database can and every
     * table of the scope and its tracking table are empty (read before any write, so that in SQLite's
     * single-writer transaction no row can arrive between the check and the guard); otherwise, or when
     * one runs already, nothing.
     */
    ProvisioningPlan enterBulkLoad(Connection c, String scope) {
        Optional<StoredScope> stored = dialect.capabilities().bulkLoad() && dialect.schema().syncObjectsExist(c)
                ? registry.load(c, scope) : Optional.empty();
        if (stored.isEmpty() || stored.get().definition().bulkLoading() || !stored.get().definition().tables().stream()
                .allMatch(t -> empty(c, dialect.names().table(t.name())) && empty(c, dialect.names().trackingTable(t.name())))) {
            return plan(scope, List.of(), stored.map(StoredScope::definition).orElse(null));
        }
        return bulkLoad(scope, stored.get().definition(), true);
    }

    /**
     * Completes a bulk load (ADR 063), in the caller's transaction: every table's INSERT trigger and tick
     * index, its guard dropped, the state cleared. Nothing when the scope is not bulk loading.
     */
    ProvisioningPlan finishBulkLoad(Connection c, String scope) {
        Optional<StoredScope> stored = dialect.schema().syncObjectsExist(c) ? registry.load(c, scope) : Optional.empty();
        if (stored.isEmpty() || !stored.get().definition().bulkLoading()) {
            return plan(scope, List.of(), stored.map(StoredScope::definition).orElse(null));
        }
        return bulkLoad(scope, stored.get().definition(), false);
    }

    /** The plan that begins ({@code loading}) or completes a bulk load of every table, and stores the state. */
    private ProvisioningPlan bulkLoad(String scope, ScopeDefinition stored, boolean loading) {
        ScopeDefinition def = stored.withBulkLoading(loading);
        List<SqlStatement> out = new ArrayList<>();
        for (TableDefinition t : def.tables()) {
            out.addAll(loading ? dialect.tracking().enterBulkLoad(t) : dialect.tracking().completeBulkLoad(t));
        }
        out.add(registry.updateDefinition(def));
        return plan(scope, out, def);
    }

    /** Whether a table (quoted) has no row. */
    private static boolean empty(Connection c, String table) {
        return dev.syncwright.dialect.Jdbc.query(c, "SELECT 1 FROM " + table + " LIMIT 1", table, rs -> rs.getInt(1)).isEmpty();
    }

    /** Change units that are new in {@code after}, or whose type changed. */
    private static List<Integer> rewrittenUnits(TableDefinition before, TableDefinition after) {
        List<Integer> out = new ArrayList<>();
        for (ColumnDefinition c : after.changeUnits()) {
            Optional<ColumnDefinition> was = before.column(c.name());
            if (c.changeUnit() >= before.changeUnitCount() || was.isEmpty() || !was.get().nativeType().equals(c.nativeType())) {
                out.add(c.changeUnit());
            }
        }
        return out;
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
        return plan(scope, out, null);
    }

    /**
     * Resolves and reads the requested tables. Every problem of every table (unknown table, no
     * primary key, unsupported column types, changes no trigger can see) is reported at once.
     */
    List<TableDefinition> introspect(Connection c, SyncScope scope) {
        List<String> problems = new ArrayList<>();
        Set<TableName> names = new LinkedHashSet<>();
        for (SyncScope.Typed n : scope.typedTables()) {
            try {
                Optional<TableName> found = dialect.schema().resolve(c, n.schema(), n.table());
                if (found.isEmpty()) {
                    problems.add("unknown table '" + n + "' in scope '" + scope.name() + "': no such table in "
                            + (n.schema() == null ? "the default schema" : "schema '" + n.schema() + "'"));
                } else {
                    names.add(found.get());
                }
            } catch (SchemaException e) {
                problems.add(e.getMessage()); // a view, an unknown schema, an ambiguous name
            }
        }
        names.addAll(scope.qualifiedTables());
        requireDistinctPlainNames(names, scope.name());
        List<TableDefinition> out = new ArrayList<>();
        for (TableName n : names) {
            TableDefinition t;
            try {
                t = dialect.schema().read(c, n);
            } catch (SchemaException e) {
                problems.add(e.getMessage());
                continue;
            }
            if (t.primaryKey().isEmpty()) {
                problems.add("table " + n + " has no primary key; Syncwright identifies rows by their "
                        + "primary key, so add one (a UUID column works well for offline inserts)");
            }
            for (ColumnDefinition k : t.primaryKey()) {
                if (SqlNames.reserved(k.name())) {
                    problems.add("key column " + n + "." + k.name() + " uses a name reserved for tracking columns");
                }
            }
            for (String untrackable : dialect.schema().untrackableChanges(c, t)) {
                problems.add(untrackable + ", which no trigger can see on " + dialect.product().name()
                        + " (choose RESTRICT or NO ACTION there, or leave " + t.name() + " out of the scope)");
            }
            out.add(t);
        }
        if (problems.size() == 1) {
            throw new ProvisioningException(capitalized(problems.get(0)));
        }
        if (!problems.isEmpty()) {
            throw new ProvisioningException("Scope '" + scope.name() + "' cannot be provisioned:\n  - "
                    + String.join("\n  - ", problems));
        }
        return out;
    }

    private static String capitalized(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
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

    /** A plan labelled with the dialect's id (a label only: nothing compares it). */
    private ProvisioningPlan plan(String scope, List<SqlStatement> out, ScopeDefinition def) {
        return new ProvisioningPlan(scope, dialect.id(), out, def);
    }
}
