package dev.syncwright.dialect;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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

    /** The factory of the database whose driver raised {@code e} (its innermost cause that shows a driver's frames). */
    public static Optional<DialectFactory> raisedBy(Throwable e) {
        DialectFactory found = null;
        List<DialectFactory> all = factories();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (StackTraceElement f : t.getStackTrace()) {
                Optional<DialectFactory> owner = all.stream().filter(d -> d.ownsDriverClass(f.getClassName())).findFirst();
                if (owner.isPresent()) {
                    found = owner.get();
                    break;
                }
            }
        }
        return Optional.ofNullable(found);
    }

    /** The factory of the database a JDBC URL connects to. */
    public static Optional<DialectFactory> forUrl(String jdbcUrl) {
        return jdbcUrl == null ? Optional.empty() : factories().stream().filter(f -> f.ownsUrl(jdbcUrl)).findFirst();
    }

    /**
     * What a failure means, when a database explains one of the {@link SQLException}s in its cause
     * chain: each is asked of the database whose driver raised it.
     */
    public static Optional<FailureKind> explain(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLException s) {
                Optional<FailureKind> k = raisedBy(s).flatMap(f -> f.explain(s));
                if (k.isPresent()) {
                    return k;
                }
            }
        }
        return Optional.empty();
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
