package dev.syncwright.jdbc;

import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.Dialects;
import dev.syncwright.jdbc.internal.JdbcScope;
import dev.syncwright.tracking.Provisioner;
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
 * rebuilt at its next request; a scope removed is no longer served. Thread-safe.
 */
public final class ServedScopes {
    private final DataSource dataSource;
    private final Map<String, Model> models = new ConcurrentHashMap<>();
    private volatile Dialect dialect;

    private record Model(String text, JdbcScope scope) {
    }

    private ServedScopes(DataSource dataSource) {
        this.dataSource = Objects.requireNonNull(dataSource, "dataSource");
    }

    public static ServedScopes of(DataSource dataSource) {
        return new ServedScopes(dataSource);
    }

    /**
     * A provider of scope {@code scope} for one request, or empty when it is not provisioned.
     * {@code verifyTracking}: the provider checks that tracking is whole at its first
     * {@code state()}, as a session's start does; false when this session has checked it already.
     */
    public Optional<JdbcSyncProvider> open(String scope, boolean verifyTracking) {
        Dialect d = dialect();
        Provisioner provisioner = Provisioner.of(dataSource, d);
        Optional<String> text = provisioner.definitionText(scope);
        if (text.isEmpty()) {
            models.remove(scope);
            return Optional.empty();
        }
        Model m = models.get(scope);
        if (m == null || !m.text().equals(text.get())) {
            m = new Model(text.get(), JdbcSyncProvider.model(dataSource, d, Provisioner.parseDefinition(scope, text.get())));
            models.put(scope, m);
        }
        return Optional.of(JdbcSyncProvider.onModel(m.scope(), !verifyTracking));
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
