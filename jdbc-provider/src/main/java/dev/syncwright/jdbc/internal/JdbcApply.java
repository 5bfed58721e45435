package dev.syncwright.jdbc.internal;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ConflictResolution;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.spi.ApplyContext;
import dev.syncwright.core.spi.ApplyPlan;
import dev.syncwright.core.spi.BatchApplier;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.ItemChange;
import dev.syncwright.core.spi.ItemMetadata;
import dev.syncwright.core.spi.ItemWrite;
import dev.syncwright.dialect.SqlFailure;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies one change batch to a database replica in one transaction: a fresh tick first (it orders
 * this transaction among writers), the scope row locked, the local state of the batch's items read,
 * the runtime's plan computed, tracking rows and base rows written ({@link ApplyWrites}), rows the
 * database may have written differently read back ({@link ReadBack}), sequences moved past keys
 * written, knowledge and conflict log saved, commit.
 *
 * <p>A row the database refuses (a constraint, a value a column cannot hold) never stops the rest:
 * the batch is applied again, each item alone under a savepoint to find the refused ones, then
 * without them; each refused row is deferred with the database's own message, and comes again.
 */
public final class JdbcApply {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbcApply.class);
    private final JdbcScope scope;
    private final long statedWatermark;
    private final SessionIndex sessionIndex;
    private final ApplyEffects effects;
    /** A bulk load runs (ADR 063): the database's periodic checkpoints wait for its end. */
    private final boolean bulkLoading;

    public JdbcApply(JdbcScope scope, long statedWatermark, SessionIndex sessionIndex, ApplyEffects effects, boolean bulkLoading) {
        this.scope = scope;
        this.statedWatermark = statedWatermark;
        this.sessionIndex = sessionIndex;
        this.effects = effects;
        this.bulkLoading = bulkLoading;
    }

    public ApplyPlan apply(ChangeBatch batch, BatchApplier applier) {
        try {
            return apply(batch, applier, false);
        } catch (RowRefused e) {
            // Some row was refused (a parent that has not arrived, a value the column cannot hold):
            // apply the batch again, finding the refused rows first, and defer them.
            LOG.debug("Scope '{}': the database refused a row of a batch of {} changes ({}); applying it again row by row to "
                    + "defer the refused rows", scope.definition().name(), batch.changes().size(), e.getCause().getMessage());
            return apply(batch, applier, true);
        }
    }

    private static final class RowRefused extends RuntimeException {
        private static final long serialVersionUID = 1L;

        RowRefused(Exception cause) {
            super(cause);
        }
    }

    private ApplyPlan apply(ChangeBatch batch, BatchApplier applier, boolean careful) {
        Connection c = scope.connect();
        String step = "starting a transaction on";
        int durability = -1;
        int checkpoints = -1;
        try {
            durability = scope.dialect.relaxCommitDurability(c);
            checkpoints = bulkLoading ? scope.dialect.deferCheckpoints(c) : -1;
            if (bulkLoading) {
                LoadGuard.admit(c); // the provider's inserts pass the guard that refuses everyone else's (ADR 063); dismissed below
            }
            step = "capturing local changes from the log of";
            scope.captureUpTo(c); // local rows are read below: every change committed before is tracked (ADR 065)
            c.setAutoCommit(false);
            step = "taking a tick on";
            long tick = scope.dialect.ticks().nextTick(c);
            step = "locking the scope row of";
            ScopeStore.State st = scope.store.read(c, true);
            Knowledge known = st.knowledge().withTick(0, statedWatermark);
            step = "reading local rows of";
            // many keys per lookup: planned for the table as it is now, whatever the connection cached (ADR 055)
            scope.dialect.planEveryExecution(c, true);
            Map<ItemId, TrackedRow> local = load(c, batch);
            for (TrackedRow r : local.values()) {
                scope.store.requireKnownReplicas(c, st, scope.table(r.id), r);
            }
            ApplyContext ctx = context(c, local, known, st, tick);
            ApplyPlan plan = applier.plan(ctx);
            // left on for the writes: their updates go many rows per statement, joined against a VALUES
            // list, whose cached generic plan scans a table that was empty when it was made (ADR 055, 060)
            step = "writing rows to";
            Set<TableModel> carefulTables = plan.writes().isEmpty() ? Set.of() : effects.careful(scope, c);
            Set<TableModel> triggered = carefulTables.isEmpty() ? Set.of() : effects.triggered();
            Map<ItemId, String> refused = new LinkedHashMap<>();
            if (careful) {
                refused.putAll(probe(c, plan.writes(), local, tick, carefulTables, triggered));
                Heal.untracked(scope, c, plan.writes(), refused, local, tick);
            }
            List<ItemWrite> writes = refused.isEmpty() ? plan.writes()
                    : plan.writes().stream().filter(w -> !refused.containsKey(w.itemId())).toList();
            ApplyWrites w = new ApplyWrites(scope, local, tick, carefulTables, triggered);
            List<ApplyWrites.Phase> phases = w.phases(writes);
            ReadBack readBack = new ReadBack(scope, local, tick);
            if (scope.captured() && !w.readBack.isEmpty()) {
                readBack.readBefore(c, writes, w.readBack);
            }
            Map<ItemId, String> missed;
            try {
                missed = run(c, phases, false, null);
            } catch (SQLException | SyncException e) {
                if (!careful && refusal(e) != null) {
                    throw new RowRefused(e);
                }
                throw e;
            }
            step = "following the sequences of";
            followSequences(c, w);
            step = "reading back rows of";
            if (!w.readBack.isEmpty()) {
                readBack.settle(c, writes, w.readBack);
            }
            if (!missed.isEmpty()) {
                Heal.missing(scope, c, missed.keySet(), local, tick);
                refused.putAll(missed);
            }
            if (!refused.isEmpty()) {
                LOG.info("Scope '{}': {} rows deferred (in the conflict log, offered again by the next sync)", scope.definition().name(),
                        refused.size());
                refused.values().forEach(why -> LOG.debug("Deferred: {}", why));
            }
            plan = refused.isEmpty() ? plan : deferRefused(plan, refused, known);
            step = "saving knowledge and conflicts to";
            scope.store.save(c, plan.newKnowledge(), plan.newForgotten() != null ? plan.newForgotten() : st.forgotten());
            if (scope.store.hasOpenConflicts(c)) {
                // a row written now settles what was deferred for it before; what is deferred now is logged next
                for (ItemWrite written : writes) {
                    TableModel t = scope.table(written.itemId());
                    scope.store.resolve(c, t, t.keys.decode(written.itemId()));
                }
            }
            for (Conflict conflict : plan.conflicts()) {
                TableModel t = scope.table(conflict.itemId());
                scope.store.log(c, t, t.keys.decode(conflict.itemId()), conflict);
            }
            scope.dialect.suppressTracking(c, null);
            c.commit();
            return plan;
        } catch (SQLException e) {
            rollback(c, e);
            throw new SqlFailure("Applying a batch (" + step + ")", "scope " + scope.definition.name(), e);
        } catch (RuntimeException e) {
            rollback(c, e);
            throw e;
        } finally {
            try {
                if (durability >= 0 || checkpoints >= 0) {
                    c.setAutoCommit(true);
                    scope.dialect.restoreCommitDurability(c, durability);
                    scope.dialect.restoreCheckpoints(c, checkpoints);
                }
            } catch (SQLException | RuntimeException ignored) {
                // the transaction is already committed or rolled back; at worst a pooled connection
                // keeps committing without waiting for the disk, which WAL mode keeps crash-safe
            }
            if (bulkLoading) {
                LoadGuard.dismiss(c); // the connection goes back to a pool the application shares
            }
            try {
                c.close();
            } catch (SQLException | RuntimeException ignored) {
                // nothing left to keep
            }
        }
    }

    /**
     * Runs the phases: each phase's steps in JDBC batches with the provider's own writes of that
     * table suppressed where the phase says so; or, when {@code refused} is given, each step alone
     * under a savepoint, collecting the items the database refuses (and skipping their later steps).
     */
    private Map<ItemId, String> run(Connection c, List<ApplyWrites.Phase> phases, boolean oneByOne, Map<ItemId, String> refused)
            throws SQLException {
        Map<ItemId, String> missed = new LinkedHashMap<>();
        boolean byKey = false;
        try (Statements s = new Statements(c)) {
            for (ApplyWrites.Phase phase : phases) {
                scope.suppress(c, phase.table() != null && phase.suppress() ? phase.table().def.name() : null,
                        phase.table() != null ? phase.table().def.name() : null);
                // multi-row statements join through the key's index (ADR 062), except where the user's
                // triggers run (a careful table's phase), whose queries the setting would reach
                boolean plain = phase.table() == null || phase.suppress();
                if (plain != byKey) {
                    scope.dialect.joinByKey(c, plain);
                    byKey = plain;
                }
                for (ApplyWrites.Step st : phase.steps()) {
                    if (!oneByOne) {
                        st.action().run(s);
                        continue;
                    }
                    if (refused.containsKey(st.item())) {
                        continue;
                    }
                    Savepoint sp = c.setSavepoint();
                    try {
                        st.action().run(s);
                        s.flush(); // an update that finds no row is no refusal: the batched pass heals it
                        c.releaseSavepoint(sp);
                    } catch (SQLException | SyncException e) {
                        s.discard();
                        String why = refusal(e);
                        if (why == null) {
                            throw e;
                        }
                        c.rollback(sp);
                        refused.put(st.item(), why);
                    }
                }
                if (!oneByOne) {
                    for (ItemId id : s.flush()) {
                        TableModel t = scope.table(id);
                        missed.put(id, "table " + t.name() + ", row " + ScopeStore.json(t.keys.decode(id)) + ": the row was not "
                                + "there to update (deleted where no trigger saw it); it is tracked as deleted here now, and the "
                                + "change comes again");
                    }
                }
            }
        }
        if (byKey) {
            scope.dialect.joinByKey(c, false);
        }
        scope.dialect.suppressTracking(c, null);
        return missed;
    }

    /** Finds the items the database refuses by writing each alone under a savepoint, then undoes it all. */
    private Map<ItemId, String> probe(Connection c, List<ItemWrite> writes, Map<ItemId, TrackedRow> local, long tick,
                                      Set<TableModel> carefulTables, Set<TableModel> triggered) throws SQLException {
        Map<ItemId, String> refused = new LinkedHashMap<>();
        Savepoint start = c.setSavepoint();
        run(c, new ApplyWrites(scope, local, tick, carefulTables, triggered).phases(writes), true, refused);
        c.rollback(start);
        return refused;
    }

    /**
     * The database's reason when {@code e} refuses a row (its message, without driver decoration),
     * else null: a broken connection, a deadlock or a missing table fail the batch instead.
     */
    private String refusal(Exception e) {
        if (e instanceof SQLException x) {
            return scope.dialect.refusesRow(x) ? x.getMessage() : null;
        }
        if (e instanceof SqlFailure f && f.getCause() instanceof SQLException x) {
            return scope.dialect.refusesRow(x) ? x.getMessage() : null;
        }
        // a value the codec refuses to bind (out of range, NaN, U+0000 in PostgreSQL text...)
        return e instanceof SyncException && !(e instanceof SqlFailure) ? e.getMessage() : null;
    }

    private void followSequences(Connection c, ApplyWrites w) {
        w.sequenceHighs.forEach((t, highs) -> highs.forEach((col, high) ->
                scope.dialect.followSequence(c, col.defaultValue().value(), high)));
    }

    /** The plan with refused rows deferred: the knowledge keeps what it knew of them before, and each is logged with the reason. */
    private ApplyPlan deferRefused(ApplyPlan plan, Map<ItemId, String> refused, Knowledge before) {
        Knowledge k = plan.newKnowledge();
        List<Conflict> conflicts = new ArrayList<>(plan.conflicts());
        for (Map.Entry<ItemId, String> e : refused.entrySet()) {
            ItemId id = e.getKey();
            k = k.excludeItem(id).merge(before.project(id, id.successor()));
            TableModel t = scope.table(id);
            conflicts.add(new Conflict(ConflictKind.CONSTRAINT, id, null, null, null, false, null, null, ConflictResolution.DEFER,
                    "table " + t.name() + ", row " + ScopeStore.json(t.keys.decode(id)) + ": " + e.getValue()));
        }
        List<ItemWrite> writes = plan.writes().stream().filter(w -> !refused.containsKey(w.itemId())).toList();
        return new ApplyPlan(writes, k, plan.newForgotten(), conflicts, plan.received(), plan.applied() - refused.size(),
                plan.skipped(), plan.deferred() + refused.size());
    }

    /**
     * Rolls back, then switches suppression off: where it is a session variable (MySQL) it outlives
     * the transaction, and a pooled connection must not hand it to the application.
     */
    private void rollback(Connection c, Exception cause) {
        try {
            c.rollback();
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
        try {
            scope.dialect.suppressTracking(c, null);
        } catch (RuntimeException e) {
            cause.addSuppressed(e);
        }
    }

    /** Reads the tracking rows of every item of the batch: per table, a few queries of many keys each. */
    private Map<ItemId, TrackedRow> load(Connection c, ChangeBatch batch) throws SQLException {
        Map<ItemId, TrackedRow> rows = new HashMap<>();
        Map<TableModel, List<ItemId>> byTable = new LinkedHashMap<>();
        for (ItemChange ch : batch.changes()) {
            byTable.computeIfAbsent(scope.table(ch.itemId()), k -> new ArrayList<>()).add(ch.itemId());
        }
        for (Map.Entry<TableModel, List<ItemId>> e : byTable.entrySet()) {
            TableModel t = e.getKey();
            t.selectByKeys(c, scope.codec, e.getValue(), t::selectTrackingIn, rs -> {
                TrackedRow r = TrackedRow.read(rs, t, scope.codec, false);
                rows.put(r.id, r);
            });
        }
        return rows;
    }

    private TrackedRow readTracking(Connection c, Map<TableModel, PreparedStatement> stmts, ItemId id) throws SQLException {
        TableModel t = scope.table(id);
        PreparedStatement p = stmts.get(t);
        if (p == null) {
            p = c.prepareStatement(t.selectTracking);
            stmts.put(t, p);
        }
        Object[] key = t.keys.decode(id);
        for (int i = 0; i < key.length; i++) {
            scope.codec.bind(p, i + 1, key[i], t.key.get(i).type());
        }
        try (ResultSet rs = p.executeQuery()) {
            return rs.next() ? TrackedRow.read(rs, t, scope.codec, false) : null;
        }
    }

    private ApplyContext context(Connection c, Map<ItemId, TrackedRow> local, Knowledge known, ScopeStore.State st, long tick) {
        return new ApplyContext() {
            @Override
            public Knowledge knowledge() {
                return known;
            }

            @Override
            public Knowledge forgottenKnowledge() {
                return st.forgotten();
            }

            @Override
            public ItemMetadata item(ItemId id) {
                TrackedRow r = local.get(id);
                return r == null ? null : r.metadata();
            }

            @Override
            public List<ItemMetadata> itemsInRange(ItemId from, ItemId toExclusive) {
                List<ItemMetadata> out = new ArrayList<>();
                Map<TableModel, PreparedStatement> stmts = new LinkedHashMap<>();
                try {
                    for (ItemId id : sessionIndex.idsInRange(scope, from, toExclusive)) {
                        TrackedRow r = local.containsKey(id) ? local.get(id) : readTracking(c, stmts, id);
                        if (r != null) {
                            local.put(id, r);
                            out.add(r.metadata());
                        }
                    }
                    for (PreparedStatement p : stmts.values()) {
                        p.close();
                    }
                } catch (SQLException e) {
                    throw new SqlFailure("Reading local rows of", "scope " + scope.definition.name(), e);
                }
                return out;
            }

            @Override
            public Object[] values(ItemId id) {
                TableModel t = scope.table(id);
                try {
                    return t.readValues(c, scope.codec, t.keys.decode(id));
                } catch (SQLException e) {
                    throw new SqlFailure("Reading values of a row of", t.name(), e);
                }
            }

            @Override
            public long mintTick() {
                return tick;
            }
        };
    }
}
