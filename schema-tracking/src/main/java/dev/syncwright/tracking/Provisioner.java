package dev.syncwright.tracking;

import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.Dialects;
import dev.syncwright.dialect.SchemaException;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TableName;
import dev.syncwright.dialect.Jdbc;
import dev.syncwright.tracking.internal.Reconciler;
import dev.syncwright.tracking.internal.ScopeRegistry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Adds change tracking to an existing schema, keeps it in step with schema changes, and removes it.
 *
 * <pre>{@code
 * Provisioner p = Provisioner.of(dataSource);
 * p.provision(SyncScope.named("sales").tables("customers", "orders").build());
 * ScopeStatus s = p.status("sales");
 * p.deprovision("sales");
 * }</pre>
 *
 * Provisioning runs in one transaction where DDL is transactional, is idempotent (a second run with
 * an unchanged schema executes nothing) and re-provisioning after {@code ALTER TABLE ... ADD COLUMN}
 * adds the new change units without losing tracking rows. Thread-safe.
 */
public final class Provisioner {
    private final DataSource dataSource;
    private final Dialect dialect;
    private final Planner planner;

    private Provisioner(DataSource dataSource, Dialect dialect) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
        this.dialect = Objects.requireNonNull(dialect, "dialect");
        this.planner = new Planner(dialect);
    }

    /** Detects the dialect from the database. */
    public static Provisioner of(DataSource dataSource) {
        return new Provisioner(dataSource, Dialects.detect(dataSource));
    }

    public static Provisioner of(DataSource dataSource, Dialect dialect) {
        return new Provisioner(dataSource, dialect);
    }

    public Dialect dialect() {
        return dialect;
    }

    /** What {@link #provision} would execute now, without executing it (e.g. to write a changelog). */
    public ProvisioningPlan plan(SyncScope scope) {
        return read(c -> planner.provision(c, scope));
    }

    /** Provisions (or re-provisions) the scope and returns the plan that was executed. */
    public ProvisioningPlan provision(SyncScope scope) {
        return recapture(write(c -> {
            ProvisioningPlan plan = planner.provision(c, scope);
            plan.execute(c);
            return plan;
        }));
    }

    /**
     * Provisions the scope as {@link #provision(SyncScope)} does, capturing its changes as {@code capture}
     * says ({@code --capture}): {@code triggers} (the default), or {@code logical} from the database's log
     * where the dialect offers it (ADR 065; refused elsewhere, and where the server is not set up for it).
     */
    public ProvisioningPlan provision(SyncScope scope, String capture) {
        if (capture == null || capture.equals(Captures.TRIGGERS)) {
            return provision(scope);
        }
        var mode = Captures.require(dialect, capture);
        ProvisioningPlan plan = provision(scope);
        ScopeDefinition def = plan.definition().orElseThrow();
        if (!capture.equals(def.capture())) {
            // recorded first: a switch that fails half-way leaves syncs refused (no slot), never silently untracked
            def = def.withCapture(capture);
            ScopeDefinition recorded = def;
            write(c -> {
                Jdbc.execute(c, new ScopeRegistry(dialect.names()).updateDefinition(recorded));
                return null;
            });
            Captures.enable(dataSource, mode, def);
        }
        return plan;
    }

    /** The capture mode of a provisioned scope: {@code triggers} or the dialect's log capture ({@code logical}). */
    public String captureMode(String scope) {
        return definition(scope).map(ScopeDefinition::capture).orElse(Captures.TRIGGERS);
    }

    /** The state of the scope's log capture (slot, lag, wal_status), empty for a scope captured by triggers. */
    public Optional<dev.syncwright.dialect.ChangeCapture.Status> captureStatus(String scope) {
        return definition(scope).filter(d -> d.capture() != null).map(d -> Captures.require(dialect, d.capture()))
                .map(x -> Captures.withConnection(dataSource, "Reading the capture state of", scope, c -> x.status(c, scope)));
    }

    /**
     * Captures from the log what was committed since the last capture of the scope (ADR 065), as a sync does
     * before it enumerates; a slot more than {@code maxLagBytes} behind (0: no limit) is dropped instead, with
     * a failure that says so. Refused for a scope captured by triggers.
     *
     * @return the number of row changes captured
     */
    public long capture(String scope, long maxLagBytes) {
        ScopeDefinition def = definition(scope).filter(d -> d.capture() != null).orElseThrow(() -> new ProvisioningException(
                "Scope '" + scope + "' is not captured from the log (provision it with --capture logical)"));
        return Captures.drain(dataSource, Captures.require(dialect, def.capture()), def, maxLagBytes);
    }

    /** A scope captured from the log stays so: triggers a provisioning made again go, new tables are captured. */
    private ProvisioningPlan recapture(ProvisioningPlan plan) {
        plan.definition().filter(def -> def.capture() != null)
                .ifPresent(def -> Captures.enable(dataSource, Captures.require(dialect, def.capture()), def));
        return plan;
    }

    /**
     * Provisions the scope so that it matches another replica's definition of it: same table order,
     * same change-unit index for every column (a client of a server). Columns the template does not
     * know are refused, as is a stored definition whose indexes disagree with the template's.
     */
    public ProvisioningPlan provision(SyncScope scope, ScopeDefinition template) {
        Objects.requireNonNull(template, "template");
        return recapture(write(c -> {
            ProvisioningPlan plan = planner.provision(c, scope, template);
            plan.execute(c);
            return plan;
        }));
    }

    /**
     * Begins a bulk load in one transaction (ADR 063), for a client about to receive a first download of
     * many rows: where the database can and every table of the scope and its tracking are empty,
     * insert tracking goes off and other writers' inserts and deletes are refused until
     * {@link #finishBulkLoad}, and the stored definition says so ({@link ScopeDefinition#bulkLoading}).
     * The connections of {@code dataSource} must know the guard
     * ({@link dev.syncwright.dialect.SqlNames#BULK_LOAD_GUARD}).
     *
     * @return whether the scope is bulk loading now
     */
    public boolean enterBulkLoad(String scope) {
        return write(c -> {
            ProvisioningPlan plan = planner.enterBulkLoad(c, scope);
            plan.execute(c);
            return plan.definition().map(ScopeDefinition::bulkLoading).orElse(false);
        });
    }

    /**
     * Completes a bulk load in one transaction: insert tracking and tick indexes on, the guard against
     * other writers off, the state cleared. Does nothing when the scope is not bulk loading;
     * {@link #provision} completes it too. The connections must know the guard (ADR 063).
     */
    public ProvisioningPlan finishBulkLoad(String scope) {
        return write(c -> {
            ProvisioningPlan plan = planner.finishBulkLoad(c, scope);
            plan.execute(c);
            return plan;
        });
    }

    /** What {@link #deprovision} would execute now. */
    public ProvisioningPlan planDeprovision(String scope) {
        return read(c -> planner.deprovision(c, scope));
    }

    /** Removes the scope's triggers, tracking tables and rows, and the shared objects when it was the last scope. */
    public ProvisioningPlan deprovision(String scope) {
        Captures.disable(dataSource, dialect, scope);
        return write(c -> {
            ProvisioningPlan plan = planner.deprovision(c, scope);
            plan.execute(c);
            return plan;
        });
    }

    /** The stored definition of a scope. */
    public Optional<ScopeDefinition> definition(String scope) {
        return read(c -> dialect.schema().syncObjectsExist(c)
                ? new ScopeRegistry(dialect.names()).load(c, scope).map(ScopeRegistry.StoredScope::definition)
                : Optional.empty());
    }

    /**
     * The stored text of a scope's definition, in one query (empty: not provisioned here), for a
     * server that keeps the model it built from a definition while the text stays the same; read
     * it with {@link #parseDefinition}.
     */
    public Optional<String> definitionText(String scope) {
        return read(c -> {
            try {
                return new ScopeRegistry(dialect.names()).definitionText(c, scope);
            } catch (RuntimeException e) {
                if (!dialect.schema().syncObjectsExist(c)) {
                    return Optional.empty(); // nothing provisioned in this database (yet, or any more)
                }
                throw e;
            }
        });
    }

    /** A definition from the text {@link #definitionText} read. */
    public static ScopeDefinition parseDefinition(String scope, String text) {
        return dev.syncwright.tracking.internal.DefinitionJson.read(scope, text);
    }

    /**
     * What stops the tracking of {@code definition} from being complete in this database now: a
     * trigger or tracking table missing, a table gone, a column added, dropped, renamed or retyped
     * since provisioning. Empty when tracking is whole. Catalog lookups only: cheap enough for the
     * start of every session. {@link #provision} repairs all of it.
     */
    public List<String> trackingProblems(ScopeDefinition definition) {
        return read(c -> {
            List<String> out = new ArrayList<>();
            for (TableDefinition t : definition.tables()) {
                if (dialect.schema().resolve(c, t.name().schema(), t.name().name()).isEmpty()) {
                    out.add("table " + t.name() + " is gone");
                    continue;
                }
                out.addAll(dialect.schema().trackingProblems(c, t, definition.bulkLoading()));
                TableDefinition live = dialect.schema().read(c, t.name());
                for (ColumnDefinition col : live.columns()) {
                    var was = t.column(col.name());
                    if (was.isEmpty()) {
                        out.add("column " + t.name() + "." + col.name() + " was added, and is not tracked");
                    } else if (!was.get().nativeType().equalsIgnoreCase(col.nativeType())
                            || was.get().keyPosition() != col.keyPosition()) {
                        out.add("column " + t.name() + "." + col.name() + " changed from " + was.get().nativeType() + " to "
                                + col.nativeType());
                    }
                }
                for (ColumnDefinition col : t.columns()) {
                    if (live.column(col.name()).isEmpty()) {
                        out.add("column " + t.name() + "." + col.name() + " was dropped or renamed");
                    }
                }
            }
            return out;
        });
    }

    /** Row counts and drift of every table of the scope. */
    public ScopeStatus status(String scope) {
        return read(c -> {
            ScopeRegistry.StoredScope stored = (dialect.schema().syncObjectsExist(c)
                    ? new ScopeRegistry(dialect.names()).load(c, scope) : Optional.<ScopeRegistry.StoredScope>empty())
                    .orElseThrow(() -> new ProvisioningException("Scope '" + scope + "' is not provisioned in this database"));
            List<TableStatus> tables = new ArrayList<>();
            for (TableDefinition t : stored.definition().tables()) {
                List<List<String>> diff = exists(c, t.name())
                        ? Reconciler.diff(t, dialect.schema().read(c, t.name()))
                        : List.of(List.of(), t.columns().stream().map(col -> col.name()).toList(), List.of());
                String tr = dialect.names().trackingTable(t.name());
                List<long[]> counts = Jdbc.query(c, "SELECT count(*), count(sw_dv) FROM " + tr, tr,
                        rs -> new long[] {rs.getLong(1), rs.getLong(2)});
                long all = counts.get(0)[0];
                long dead = counts.get(0)[1];
                boolean drift = !diff.get(0).isEmpty() || !diff.get(1).isEmpty() || !diff.get(2).isEmpty();
                tables.add(new TableStatus(t.name(), all - dead, dead, drift, diff.get(0), diff.get(1), diff.get(2)));
            }
            return new ScopeStatus(scope, stored.replicaId(), dialect.id(), stored.definition().version(), tables);
        });
    }

    /** Whether a tracked table is still there, in its own schema; a dropped schema or a view in its place: it is not. */
    private boolean exists(Connection c, TableName t) {
        try {
            return dialect.schema().resolve(c, t.schema(), t.name()).isPresent();
        } catch (SchemaException gone) {
            return false;
        }
    }

    private interface Work<T> {
        T run(Connection c);
    }

    private <T> T read(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new SqlFailure("Connecting to", "database", e);
        }
    }

    /** One transaction: all or nothing where DDL is transactional. */
    private <T> T write(Work<T> work) {
        try (Connection c = dataSource.getConnection()) {
            boolean auto = c.getAutoCommit();
            c.setAutoCommit(false);
            Exception failure = null;
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (RuntimeException | SQLException e) {
                failure = e;
                rollback(c, e);
                throw e;
            } finally {
                restore(c, auto, failure);
            }
        } catch (SQLException e) {
            throw new SqlFailure("Committing provisioning on", "database", e);
        }
    }

    /**
     * SQLite ends the transaction itself on some errors (SQLITE_FULL, the disk is full): the return to
     * auto-commit, a COMMIT in its driver, then fails with "cannot commit - no transaction is active",
     * which must not hide why.
     */
    private static void restore(Connection c, boolean auto, Exception failure) throws SQLException {
        try {
            c.setAutoCommit(auto);
        } catch (SQLException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    private static void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    @Override
    public String toString() {
        return "Provisioner[" + dialect.id() + "]";
    }

}
