package dev.syncwright.dialect.mysql;

import dev.syncwright.dialect.DatabaseProduct;
import dev.syncwright.dialect.Dialect;
import dev.syncwright.dialect.DialectFactory;
import dev.syncwright.dialect.UnsupportedDatabaseException;
import dev.syncwright.dialect.FailureKind;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import java.util.Set;

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

    /** Connector/J or MariaDB Connector/J. */
    @Override
    public boolean ownsDriverClass(String className) {
        return className.startsWith("com.mysql.") || className.startsWith("org.mariadb.");
    }

    @Override
    public boolean ownsUrl(String jdbcUrl) {
        return jdbcUrl.startsWith("jdbc:mysql:") || jdbcUrl.startsWith("jdbc:mariadb:");
    }

    /**
     * Access denied to a database, user, table, column, "specific" right (SUPER...) or routine, and
     * the SUPER right binary logging asks for to create triggers (1044, 1045, 1142, 1143, 1227, 1370,
     * 1419), class 28; 1021 disk full, 1114 table is full.
     */
    @Override
    public Optional<FailureKind> explain(SQLException e) {
        int code = e.getErrorCode();
        if (DENIED.contains(code) || e.getSQLState() != null && e.getSQLState().startsWith("28")) {
            return Optional.of(FailureKind.PERMISSION_DENIED);
        }
        return code == 1021 || code == 1114 ? Optional.of(FailureKind.DISK_FULL) : Optional.empty();
    }

    private static final Set<Integer> DENIED = Set.of(1044, 1045, 1142, 1143, 1227, 1370, 1419);
}
