package dev.syncwright.testing;

import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * A database created for one caller (usually one test class) by {@link TestDatabases}. Closing it
 * drops the database, or deletes the SQLite file; it never touches anything it did not create.
 */
public interface TestDatabase extends AutoCloseable {

    /** {@code "postgresql"}, {@code "mariadb"} or {@code "sqlite"} ({@code "mysql"} if a MySQL URL was configured). */
    String kind();

    /** JDBC URL of the created database; credentials are in the URL where the driver allows it. */
    String jdbcUrl();

    /** User name, or {@code null} (SQLite). */
    String user();

    /** Password, or {@code null} when there is none. */
    String password();

    /** A new connection to the created database; the caller closes it. */
    Connection connect() throws SQLException;

    /** A simple, non-pooling {@link DataSource} over {@link #jdbcUrl()}. */
    DataSource dataSource();

    /**
     * Drops the database (PostgreSQL: {@code DROP DATABASE ... WITH (FORCE)}; MariaDB: its open
     * sessions are killed first) or deletes the SQLite file. Idempotent.
     *
     * @throws IllegalStateException if the drop failed
     */
    @Override
    void close();
}
