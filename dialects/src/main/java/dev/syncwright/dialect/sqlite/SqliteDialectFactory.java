package dev.syncwright.dialect.sqlite;

import dev.syncwright.dialect.DatabaseProduct;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.DialectFactory;
import java.sql.Connection;

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
}
