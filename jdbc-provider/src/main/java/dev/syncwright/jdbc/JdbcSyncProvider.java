package dev.syncwright.jdbc;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.spi.ApplyPlan;
import dev.syncwright.core.spi.BatchApplier;
import dev.syncwright.core.spi.ChangeBatch;
import dev.syncwright.core.spi.ChangeEnumeration;
import dev.syncwright.core.spi.EnumerationRequest;
import dev.syncwright.core.spi.FetchedItem;
import dev.syncwright.core.spi.PeerRecord;
import dev.syncwright.core.spi.Probe;
import dev.syncwright.core.spi.ReplicaState;
import dev.syncwright.core.spi.SyncProvider;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.Dialects;
import dev.syncwright.jdbc.internal.ApplyEffects;
import dev.syncwright.jdbc.internal.Identity;
import dev.syncwright.jdbc.internal.JdbcApply;
import dev.syncwright.jdbc.internal.JdbcEnumeration;
import dev.syncwright.jdbc.internal.JdbcReads;
import dev.syncwright.jdbc.internal.JdbcScope;
import dev.syncwright.jdbc.internal.LoadGuard;
import dev.syncwright.jdbc.internal.SessionIndex;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.ScopeDefinition;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * A database replica: a provisioned scope in any database Syncwright has a dialect for (SQLite,
 * PostgreSQL, MySQL/MariaDB), reached through a {@link DataSource}. Rows are items, columns are
 * change units; changes are read from the tracking tables and applied with the tracking rows written
 * in the same transaction as the data and the learned knowledge.
 *
 * <pre>{@code
 * SyncProvider server = JdbcSyncProvider.open(serverDataSource, "sales");
 * SyncProvider client = JdbcSyncProvider.open(clientDataSource, "sales");
 * SyncOrchestrator.between(client, server).run();
 * }</pre>
 *
 * Thread-safe for one session at a time; concurrent sessions against the same database queue on the
 * scope row.
 */
public final class JdbcSyncProvider implements SyncProvider {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JdbcSyncProvider.class);
    private final JdbcScope scope;
    private volatile long statedWatermark;
    private volatile SessionIndex sessionIndex = new SessionIndex();
    private volatile ApplyEffects effects = new ApplyEffects();
    /** Whether this session has checked that tracking is whole (once per session: triggers come and go). */
    private volatile boolean checked;
    private volatile Runnable verified = () -> { };
    /** A first download being loaded with insert tracking off (ADR 063): completed by the first sync that succeeds. */
    private volatile boolean bulkLoading;
    /** Opened as a client that may bulk load its first download; once tried, not again by this provider. */
    private volatile boolean bulkAllowed;
    /**
     * The catalog fingerprint read before the check last found tracking whole (null: none yet, or the dialect has none).
     * Beginning or completing a bulk load changes the catalog, so the check runs again with the state it then has.
     */
    private volatile String wholeUnder;
    /** False for a provider of one request on a kept model: its {@link ServedScopes} read the fingerprint and keeps it. */
    private volatile boolean keepsCatalog = true;

    private JdbcSyncProvider(JdbcScope scope) {
        this.scope = scope;
        this.bulkLoading = scope.definition().bulkLoading();
    }

    /** A replica of an already provisioned scope. */
    public static JdbcSyncProvider open(DataSource dataSource, String scopeName) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(scopeName, "scopeName");
        Dialect dialect = Dialects.detect(dataSource);
        ScopeDefinition def = Provisioner.of(dataSource, dialect).definition(scopeName).orElseThrow(() -> new SyncException(
                "Scope '" + scopeName + "' is not provisioned in this database; run `syncwright provision` (or Provisioner.provision) first"));
        return new JdbcSyncProvider(model(dataSource, dialect, def));
    }

    /** The model of a provisioned scope, refused when an older version provisioned it. */
    static JdbcScope model(DataSource dataSource, Dialect dialect, ScopeDefinition def) {
        if (def.outdated()) {
            throw new SyncException("Scope '" + def.name() + "' was provisioned by an older Syncwright (tracking format " + def.format()
                    + ", this version writes " + ScopeDefinition.CURRENT_FORMAT + "); run `syncwright provision` with the same tables "
                    + "(or Provisioner.provision) once to upgrade its triggers: tracked changes and knowledge are kept");
        }
        return new JdbcScope(dataSource, dialect, def);
    }

    /**
     * A provider on a model kept between requests ({@link ServedScopes}); {@code trusted}: tracking
     * needs no check now. Otherwise {@code verified} runs once its check has found tracking whole.
     */
    static JdbcSyncProvider onModel(JdbcScope model, boolean trusted, Runnable verified) {
        JdbcSyncProvider p = new JdbcSyncProvider(model);
        p.checked = trusted;
        p.keepsCatalog = false;
        p.verified = verified == null ? () -> { } : verified;
        return p;
    }

    /**
     * The client replica of a server's scope: on first use creates the client's tables from the
     * server's definition (types under which every value round-trips) and provisions them; later,
     * adds columns the server gained. Then opens it.
     */
    public static JdbcSyncProvider openClient(DataSource clientDataSource, JdbcSyncProvider server) {
        return openClient(clientDataSource, ServerScope.of(server));
    }

    /** As {@link #openClient(DataSource, JdbcSyncProvider)}, from a server's description of its scope (e.g. received over HTTP). */
    public static JdbcSyncProvider openClient(DataSource clientDataSource, ServerScope server) {
        return openClient(clientDataSource, server, true);
    }

    /**
     * As {@link #openClient(DataSource, ServerScope)}; {@code bulkBootstrap} false: the first download
     * is applied as every later one, with all tracking on (the path before ADR 063, for comparison and
     * as a way out: a bulk load left unfinished by an earlier run is completed here).
     */
    public static JdbcSyncProvider openClient(DataSource clientDataSource, ServerScope server, boolean bulkBootstrap) {
        Dialect local = Dialects.detect(clientDataSource);
        dev.syncwright.jdbc.internal.ClientBootstrap.prepare(clientDataSource, local, server, server.definition());
        JdbcSyncProvider p = open(clientDataSource, server.definition().name());
        p.bulkAllowed = bulkBootstrap && local.capabilities().bulkLoad();
        if (!bulkBootstrap && p.bulkLoading) {
            p.finishBulkLoad(); // the way out: a load begun with bulk bootstrap goes on the ordinary way
        }
        return p;
    }

    public ReplicaId replicaId() {
        return state().replicaId();
    }

    public ScopeDefinition definition() {
        return scope.definition();
    }

    public Dialect dialect() {
        return scope.dialect();
    }

    /**
     * The change unit of a column, for a {@link dev.syncwright.core.SyncInterceptor}'s row hook, which
     * works by change unit ({@link dev.syncwright.core.RowApplying}). {@code table} as the scope names
     * it, with or without its schema.
     */
    public int changeUnit(String table, String column) {
        var t = scope.definition().tables().stream()
                .filter(d -> d.name().name().equals(table) || d.name().toString().equals(table)).findFirst()
                .orElseThrow(() -> new SyncException("Scope '" + scope.definition().name() + "' has no table " + table));
        return t.column(column).filter(c -> c.changeUnit() >= 0).map(c -> c.changeUnit()).orElseThrow(() -> new SyncException(
                "Table " + table + " of scope '" + scope.definition().name() + "' has no tracked column " + column));
    }

    /** The name of the table a row belongs to, for a row hook: as this replica's scope names it (with its schema where the database has schemas). */
    public String tableOf(dev.syncwright.core.ItemId item) {
        return scope.tableName(item);
    }

    /** The scope's tables and connection, for {@link Verification}. */
    JdbcScope scope() {
        return scope;
    }

    /** The conflict log: every conflict met when this replica was the destination ({@code openOnly}: deferred, not yet settled). */
    public List<ConflictRecord> conflicts(boolean openOnly) {
        return scope.conflicts(openOnly);
    }

    @Override
    public ReplicaState state() {
        return state(false);
    }

    /** {@code complete}: see {@link JdbcReads#state}; a probe's answer must be, every other state need not. */
    private ReplicaState state(boolean complete) {
        if (!checked) {
            // while the catalog is as it was when the check last passed, its answer is the same (ADR 056)
            Optional<String> catalog = keepsCatalog ? scope.catalogFingerprint() : Optional.empty();
            if (catalog.isEmpty() || !catalog.get().equals(wholeUnder)) {
                requireWholeTracking();
                wholeUnder = catalog.orElse(null);
            }
            checked = true;
            verified.run();
        }
        JdbcReads.ScopeState s = JdbcReads.state(scope, complete);
        statedWatermark = s.watermark();
        return new ReplicaState(s.replicaId(), s.knowledge().withTick(0, s.watermark()), s.forgotten());
    }

    /**
     * For a server that answers each request of a session on a fresh provider (sync-http): the
     * watermark this replica stated when the session began (its own tick in the knowledge it sent),
     * never more than the watermark now, so that an apply judges local writes as the session's
     * first request saw them.
     */
    public void restate(long watermark) {
        // state() of this provider read the watermark moments ago (a server checks the destination first): no second read
        long now = statedWatermark > 0 ? statedWatermark : JdbcReads.state(scope, false).watermark();
        statedWatermark = Math.min(watermark, now);
    }

    @Override
    public ChangeEnumeration enumerateChanges(EnumerationRequest request) {
        return new JdbcEnumeration(scope, request);
    }

    @Override
    public void requireFits(dev.syncwright.core.spi.ItemChange change) {
        scope.requireFits(change);
    }

    @Override
    public ApplyPlan applyChanges(ChangeBatch batch, BatchApplier applier) {
        if (bulkAllowed && !bulkLoading && !batch.last()) {
            // a download of more than one batch into a client that holds nothing yet: a bulk load (ADR 063)
            bulkAllowed = false;
            bulkLoading = enterBulkLoad();
        }
        return new JdbcApply(scope, statedWatermark, sessionIndex, effects, bulkLoading).apply(batch, applier);
    }

    /** A database replica remembers its peers, in its own database (ADR 043). */
    @Override
    public boolean remembersPeers() {
        return true;
    }

    @Override
    public Optional<PeerRecord> peer(ReplicaId peer) {
        return new Identity(scope).peer(peer);
    }

    @Override
    public Optional<ReplicaId> upstream() {
        return new Identity(scope).upstream();
    }

    @Override
    public java.util.Set<ReplicaId> formerIds() {
        return new Identity(scope).formerIds();
    }

    @Override
    public void rememberPeer(ReplicaId peer, PeerRecord record) {
        new Identity(scope).remember(peer, record);
    }

    /**
     * Reads the state, after the check that tracking is whole that starts every session, and this
     * replica's record of {@code asker}; writes nothing (ADR 059).
     */
    @Override
    public Optional<Probe> probe(ReplicaId asker, PeerRecord askersRecord, Knowledge askersKnowledge) {
        return Optional.of(Probe.of(state(true), peer(asker), askersRecord, askersKnowledge));
    }

    /** Compares and writes in one transaction (ADR 057). */
    @Override
    public boolean replacePeer(ReplicaId peer, Optional<PeerRecord> expected, PeerRecord record) {
        return new Identity(scope).replace(peer, expected, record);
    }

    /**
     * Binds client replica {@code replica} to the authenticated {@code principal} it syncs as, unless it
     * is bound already (ADR 064): a server asks before a request writes as that replica.
     * @return the other principal the replica is bound to; empty when it is (now) bound to {@code principal}
     */
    public Optional<String> bindReplica(ReplicaId replica, String principal) {
        return new dev.syncwright.jdbc.internal.ReplicaPrincipals(scope).bind(replica, principal);
    }

    @Override
    public ReplicaId reidentify(long sharedThrough) {
        return new Identity(scope).reidentify(sharedThrough, false);
    }

    /** An enumeration owns its connection; fetches and applies take others from the data source. */
    @Override
    public boolean supportsConcurrentEnumeration() {
        return true;
    }

    @Override
    public Optional<FetchedItem> fetchItem(ItemId id) {
        return JdbcReads.fetch(scope, id);
    }

    @Override
    public void endSession(boolean success) {
        sessionIndex = new SessionIndex();
        effects = new ApplyEffects();
        checked = false;
        if (success && bulkLoading) {
            finishBulkLoad();
        }
    }

    /**
     * Whether this client is still loading its first download with insert tracking off (ADR 063): until
     * the first sync that succeeds completes it (or {@code syncwright provision}), the application's
     * INSERT and DELETE of the scope's tables fail ("no such collation sequence:
     * syncwright_first_download_running"); its updates of other columns are tracked as always.
     */
    public boolean bulkLoading() {
        return bulkLoading;
    }

    /** Begins a bulk load where every table and its tracking are empty; a failure leaves the ordinary path. */
    private boolean enterBulkLoad() {
        try {
            return guardedProvisioner().enterBulkLoad(scope.definition().name());
        } catch (RuntimeException e) {
            LOG.info("Scope '{}': the first download is applied the ordinary way; the bulk load could not begin: {}",
                    scope.definition().name(), e.getMessage());
            // as stored: a failure after the commit (returning the connection) must not hide a state that began
            return Provisioner.of(scope.dataSource(), scope.dialect()).definition(scope.definition().name())
                    .map(ScopeDefinition::bulkLoading).orElse(false);
        }
    }

    private Provisioner guardedProvisioner() {
        return Provisioner.of(LoadGuard.admitting(scope.dataSource(), scope.dialect()), scope.dialect());
    }

    /**
     * A sync succeeded: this client has everything its source had when the download began (or it
     * ran no download, and the rest is loaded the ordinary way). Insert tracking and the tick index go
     * on, the guard off, the state is cleared, in one transaction; done already (another process, a
     * re-provisioning), it does nothing.
     */
    private void finishBulkLoad() {
        guardedProvisioner().finishBulkLoad(scope.definition().name());
        bulkLoading = false;
    }

    /**
     * Refuses to sync while changes could go untracked or tracked wrong: a trigger dropped, a table
     * rebuilt or restored without them, a column added, dropped, renamed or retyped since provisioning.
     */
    private void requireWholeTracking() {
        // a model opened while bulk loading stays one after the load completes: the INSERT trigger is checked again from then on
        List<String> problems = Provisioner.of(scope.dataSource(), scope.dialect())
                .trackingProblems(scope.definition().withBulkLoading(bulkLoading));
        if (!problems.isEmpty()) {
            scope.requireAccess(); // a table the user may not read looks missing on MariaDB: say it is a right that lacks
            throw new SyncException("The tracking of scope '" + scope.definition().name() + "' in this " + scope.dialect().product()
                    + " database is not whole:\n  - " + String.join("\n  - ", problems) + "\nRun `syncwright provision` with the "
                    + "scope's tables on it (or Provisioner.provision) to repair it: triggers are put back and rows written meanwhile "
                    + "are tracked; an update made while no trigger watched is found by `syncwright verify`.");
        }
    }

    /**
     * Every row of the scope as canonical text (key values, then column values in change-unit
     * order), table by table in key order. Two replicas of a scope hold the same data exactly when
     * their snapshots are equal. Reads the whole scope into memory: for checks and tests.
     */
    public Map<String, List<String>> snapshot() {
        return dev.syncwright.jdbc.internal.RowSnapshot.of(scope);
    }

    /** The knowledge this replica states now (for diagnostics). */
    public Knowledge knowledge() {
        return state().knowledge();
    }

    @Override
    public String toString() {
        return "JdbcSyncProvider[" + scope.dialect().id() + ", scope " + scope.definition().name() + "]";
    }
}
