package dev.syncwright.dialect.sqlite;

import dev.syncwright.dialect.DatabaseProduct;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.DialectFactory;
import dev.syncwright.dialect.FailureKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;

/** Service provider for SQLite 3.35 and later (RETURNING, DROP COLUMN). Public only for {@link java.util.ServiceLoader}. */
public final class SqliteDialectFactory implements DialectFactory {

    @Override
    public boolean matches(DatabaseProduct product) {
        return product.name() != null && product.name().equalsIgnoreCase("SQLite");
    }

    @Override
    public Dialect create(DatabaseProduct product, Connection connection) {
        DialectFactory.requireVersion(product, "SQLite", 3, 35);
        return new SqliteDialect(product);
    }

    @Override
    public boolean ownsDriverClass(String className) {
        return className.startsWith("org.sqlite.");
    }

    @Override
    public boolean ownsUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:sqlite:");
    }

    /** SQLITE_PERM 3, SQLITE_READONLY 8, SQLITE_AUTH 23; SQLITE_FULL 13 (extended codes in the high bits). */
    @Override
    public Optional<FailureKind> explain(SQLException e) {
        int primary = e.getErrorCode() & 0xff;
        if (primary == 3 || primary == 8 || primary == 23) {
            return Optional.of(FailureKind.PERMISSION_DENIED);
        }
        return primary == 13 ? Optional.of(FailureKind.DISK_FULL) : Optional.empty();
    }
}
