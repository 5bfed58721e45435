package dev.syncwright.jdbc;

import dev.syncwright.core.Knowledge;
import dev.syncwright.core.ReplicaId;
import dev.syncwright.core.spi.PeerRecord;
import dev.syncwright.core.spi.Probe;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.Dialects;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.TableDefinition;
import dev.syncwright.dialect.TableName;
import dev.syncwright.jdbc.internal.JdbcScope;
import dev.syncwright.jdbc.internal.ProbeRead;
import dev.syncwright.tracking.Provisioner;
import dev.syncwright.tracking.ScopeDefinition;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * The scopes of one database as a server serves them, request after request (sync-http, ADR 056):
 * a provider per request, as cheap as one query. The database's dialect is detected once; a
 * scope's model (its tables, their SQL) is built once and kept while the definition stored in the
 * database stays the same text, which each {@link #open} reads. A scope provisioned again is
 * rebuilt at its next request; a scope removed is no longer served. The check that tracking is
 * whole, which a session's start makes, is skipped while the database's catalog fingerprint of the
 * scope's tables is the one under which it last passed (where the dialect offers one). Thread-safe.
 */
public final class ServedScopes {
    private final DataSource dataSource;
    private final Map<String, Model> models = new ConcurrentHashMap<>();
    private volatile Dialect dialect;

    private static final class Model {
        final String text;
        final JdbcScope scope;
        final List<TableName> tables;
        /** The catalog fingerprint under which tracking was last found whole (null: not yet). */
        volatile String verified;

        Model(String text, JdbcScope scope, ScopeDefinition definition) {
            this.text = text;
            this.scope = scope;
            this.tables = definition.tables().stream().map(TableDefinition::name).toList();
        }
    }

    private ServedScopes(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public static ServedScopes of(DataSource dataSource) {
        return new ServedScopes(dataSource);
    }

    /**
     * A provider of scope {@code scope} for one request, or empty when it is not provisioned.
     * {@code verifyTracking}: as a session's start does, the stored definition is read and the
     * provider checks that tracking is whole at its first {@code state()}; false when this session's
     * start did both already: the kept model serves the rest of the session without a query, as a
     * JDBC provider keeps the definition it opened with for its session.
     */
    public Optional<JdbcSyncProvider> open(String scope, boolean verifyTracking) {
        Model kept = models.get(scope);
        if (!verifyTracking && kept != null) {
            return Optional.of(JdbcSyncProvider.onModel(kept.scope, true, null));
        }
        Dialect d = dialect();
        Provisioner provisioner = Provisioner.of(dataSource, d);
        Optional<String> text = provisioner.definitionText(scope);
        if (text.isEmpty()) {
            models.remove(scope);
            return Optional.empty();
        }
        Model m = models.get(scope);
        if (m == null || !m.text.equals(text.get())) {
            ScopeDefinition def = Provisioner.parseDefinition(scope, text.get());
            m = new Model(text.get(), JdbcSyncProvider.model(dataSource, d, def), def);
            models.put(scope, m);
        }
        if (!verifyTracking) {
            return Optional.of(JdbcSyncProvider.onModel(m.scope, true, null));
        }
        // the catalog as it is now, read before any check: a change after this read changes the next one
        String now = fingerprint(d, m.tables).orElse(null);
        if (now != null && now.equals(m.verified)) {
            return Optional.of(JdbcSyncProvider.onModel(m.scope, true, null)); // nothing the check reads has changed since it passed
        }
        Model checking = m;
        return Optional.of(JdbcSyncProvider.onModel(m.scope, false, () -> checking.verified = now));
    }

    /**
     * A session's first probe answered in one statement (ADR 060), without a provider: only while
     * this server keeps a model of the scope under which tracking was found whole, the stored
     * definition is still that model's text and the catalog's fingerprint still the one under which the
     * check passed, all read by that statement. Empty otherwise (or where the dialect cannot read it all
     * at once): {@link #open} a provider and ask it, which reads and checks what changed.
     */
    public Optional<Probe> probe(String scope, ReplicaId asker, PeerRecord askersRecord, Knowledge askersKnowledge) {
        Model m = models.get(scope);
        String verified = m == null ? null : m.verified;
        if (verified == null) {
            return Optional.empty();
        }
        Optional<ProbeRead.Read> read;
        try {
            read = ProbeRead.read(m.scope, m.tables, asker);
        } catch (RuntimeException e) {
            // the sync objects gone, a damaged scope row, a lost connection: the provider's reads say which, as they always did
            return Optional.empty();
        }
        return read.filter(r -> r.definition().equals(m.text) && verified.equals(r.fingerprint()))
                .map(r -> Probe.of(r.state(), r.askersRecord(), askersRecord, askersKnowledge));
    }

    private Optional<String> fingerprint(Dialect d, List<TableName> tables) {
        try (Connection c = dataSource.getConnection()) {
            return d.schema().catalogFingerprint(c, tables);
        } catch (SQLException e) {
            throw new SqlFailure("Connecting to", "database", e);
        }
    }

    private Dialect dialect() {
        Dialect d = dialect;
        if (d == null) {
            d = Dialects.detect(dataSource);
            dialect = d;
        }
        return d;
    }
}
