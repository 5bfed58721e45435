package dev.syncwright.dialect.mysql;

import dev.syncwright.dialect.DatabaseProduct;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.DialectFactory;
import dev.syncwright.dialect.UnsupportedDatabaseException;
import java.sql.Connection;

/** Service provider for MySQL 8.0+ and MariaDB 10.6+. Public only because {@link java.util.ServiceLoader} needs it. */
public final class MySqlDialectFactory implements DialectFactory {

    @Override
    public boolean matches(DatabaseProduct product) {
        String name = product.name() == null ? "" : product.name().toLowerCase(java.util.Locale.ROOT);
        return name.contains("mysql") || name.contains("mariadb");
    }

    @Override
    public Dialect create(DatabaseProduct product, Connection connection) {
        ServerVersion v;
        try {
            v = ServerVersion.parse(product.name(), product.version());
        } catch (RuntimeException e) {
            throw new UnsupportedDatabaseException(e.getMessage());
        }
        ServerVersion min = v.mariaDb() ? ServerVersion.MIN_MARIADB : ServerVersion.MIN_MYSQL;
        if (!v.atLeast(min.major(), min.minor())) {
            throw new UnsupportedDatabaseException(v.product() + " " + min.major() + "." + min.minor()
                    + " or later is required, found " + v.product() + " " + v + " (" + product.version() + ")");
        }
        return v.mariaDb() ? new MariaDbDialect(product, v) : new MySqlDialect(product, v);
    }
}
