package dev.syncwright.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;
import javax.sql.DataSource;

/** Finds the {@link Dialect} of a database from its {@link java.sql.DatabaseMetaData}. */
public final class Dialects {
    private Dialects() {
    }

    /** All factories visible to this class's class loader, in service-file order. */
    public static List<DialectFactory> factories() {
        List<DialectFactory> all = new ArrayList<>();
        ServiceLoader.load(DialectFactory.class, Dialects.class.getClassLoader()).forEach(all::add);
        return all;
    }

    public static Dialect detect(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return detect(c);
        } catch (SQLException e) {
            throw new SqlFailure("Opening a connection to detect the dialect of", String.valueOf(dataSource), e);
        }
    }

    public static Dialect detect(Connection connection) {
        DatabaseProduct product;
        try {
            product = DatabaseProduct.from(connection.getMetaData());
        } catch (SQLException e) {
            throw new SqlFailure("Reading the database metadata of", "connection", e);
        }
        List<DialectFactory> factories = factories();
        for (DialectFactory f : factories) {
            if (f.matches(product)) {
                return f.create(product, connection);
            }
        }
        throw new UnsupportedDatabaseException("No Syncwright dialect for " + product + " (supported: PostgreSQL 13+, "
                + "MySQL 8.0+, MariaDB 10.6+, SQLite 3.35+; dialects on the class path: " + factories.size() + ")");
    }
}
