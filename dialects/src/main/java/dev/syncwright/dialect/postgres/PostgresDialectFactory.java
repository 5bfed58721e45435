package dev.syncwright.dialect.postgres;

import dev.syncwright.dialect.DatabaseProduct;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.DialectFactory;
import dev.syncwright.dialect.FailureKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Service provider for PostgreSQL 13 and later. Public only because {@link java.util.ServiceLoader} needs it. */
public final class PostgresDialectFactory implements DialectFactory {

    @Override
    public boolean matches(DatabaseProduct product) {
        return product.name() != null && product.name().equalsIgnoreCase("PostgreSQL");
    }

    @Override
    public Dialect create(DatabaseProduct product, Connection connection) {
        DialectFactory.requireVersion(product, "PostgreSQL", 13, 0);
        return new PostgresDialect(product);
    }

    @Override
    public boolean ownsDriverClass(String className) {
        return className.startsWith("org.postgresql.");
    }

    @Override
    public boolean ownsUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:postgresql:");
    }

    /**
     * 42501 insufficient_privilege, class 28 invalid authorization; 53100 disk_full; 57P01-57P03 the
     * server shut down or terminated the session.
     */
    @Override
    public Optional<FailureKind> explain(SQLException e) {
        String s = e.getSQLState();
        if (s == null) {
            return Optional.empty();
        }
        if (s.equals("42501") || s.startsWith("28")) {
            return Optional.of(FailureKind.PERMISSION_DENIED);
        }
        if (s.equals("53100")) {
            return Optional.of(FailureKind.DISK_FULL);
        }
        return s.startsWith("57P0") ? Optional.of(FailureKind.CONNECTION_LOST) : Optional.empty();
    }
}
