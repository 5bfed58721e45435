package dev.syncwright.dialect.postgres;

import dev.syncwright.dialect.DatabaseProduct;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.DialectFactory;
import java.sql.Connection;

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
}
