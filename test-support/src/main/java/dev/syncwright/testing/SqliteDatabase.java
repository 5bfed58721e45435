package dev.syncwright.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;

/** A new SQLite file in a temporary directory of its own; closing deletes the directory. */
final class SqliteDatabase implements TestDatabase {

    private final Path directory;
    private final Path file;
    private final String jdbcUrl;
    private final DataSource dataSource;
    private final AtomicBoolean closed = new AtomicBoolean();

    private SqliteDatabase(Path directory, Path file) {
        this.directory = directory;
        this.file = file;
        this.jdbcUrl = "jdbc:sqlite:" + file;
        this.dataSource = new SimpleDataSource(jdbcUrl);
    }

    static SqliteDatabase create(String nameHint) {
        String name = DatabaseNames.newName(nameHint);
        try {
            Path dir = Files.createTempDirectory("syncwright-sqlite-").toAbsolutePath();
            SqliteDatabase db = new SqliteDatabase(dir, dir.resolve(name + ".db"));
            try (Connection c = db.connect()) {
                // opening creates the file
                c.getMetaData();
            }
            Cleanup.opened(db);
            return db;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary directory for SQLite", e);
        } catch (SQLException e) {
            throw new IllegalStateException("Could not create SQLite database " + name + ": " + e.getMessage(), e);
        }
    }

    /** The database file. */
    Path file() {
        return file;
    }

    @Override
    public String kind() {
        return "sqlite";
    }

    @Override
    public String jdbcUrl() {
        return jdbcUrl;
    }

    @Override
    public String user() {
        return null;
    }

    @Override
    public String password() {
        return null;
    }

    @Override
    public Connection connect() throws SQLException {
        if (closed.get()) {
            throw new SQLException("test database " + file + " has been deleted");
        }
        return DriverManager.getConnection(jdbcUrl);
    }

    @Override
    public DataSource dataSource() {
        return dataSource;
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        try {
            // the file and its -journal / -wal / -shm companions
            Cleanup.deleteRecursively(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete SQLite test database " + file, e);
        } finally {
            Cleanup.closed(this);
        }
    }

    @Override
    public String toString() {
        return "sqlite database " + file;
    }
}
