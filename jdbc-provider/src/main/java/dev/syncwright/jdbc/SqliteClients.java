package dev.syncwright.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The one way to open a SQLite client replica: a small HikariCP pool whose connections have the WAL
 * journal, a busy timeout and foreign keys enforced (ADR 041, ADR 053).
 *
 * <p>Why each default: WAL lets each batch commit without waiting for the disk and stays crash-safe,
 * and readers in other processes do not block the writer; the busy timeout makes a connection wait
 * for a lock another process holds rather than fail at once with {@code SQLITE_BUSY}; foreign keys
 * are enforced as the server enforces them. A pool rather than a connection per call: a sync reads
 * on one connection while it applies on another, and with WAL the last connection to close
 * checkpoints, which a connection per call would do after every statement.
 *
 * <pre>{@code
 * try (HikariDataSource client = SqliteClients.file(Path.of("app.db")).open()) { ... }
 * }</pre>
 *
 * Only the driver's connection properties are used, so this class needs no SQLite class to load; the
 * driver (org.xerial:sqlite-jdbc) must be on the class path when {@link Builder#open()} runs.
 */
public final class SqliteClients {
    /** How long a connection waits for another process's lock before {@code SQLITE_BUSY}. */
    public static final Duration DEFAULT_BUSY_TIMEOUT = Duration.ofSeconds(30);
    /** Connections of the pool: a sync uses two at once, verify reads both sides at once. */
    public static final int DEFAULT_POOL_SIZE = 4;

    private static final String PREFIX = "jdbc:sqlite:";

    private SqliteClients() {
    }

    /** A client on the file (created on first connection, as the driver does). */
    public static Builder file(Path file) {
        return new Builder(PREFIX + file.toAbsolutePath(), file.toAbsolutePath());
    }

    /** A client on a {@code jdbc:sqlite:} URL; its query parameters are kept and win over the defaults. */
    public static Builder url(String jdbcUrl) {
        if (!isSqliteUrl(jdbcUrl)) {
            throw new IllegalArgumentException("not a SQLite JDBC URL (jdbc:sqlite:...): " + jdbcUrl);
        }
        return new Builder(jdbcUrl, fileOf(jdbcUrl));
    }

    public static boolean isSqliteUrl(@Nullable String jdbcUrl) {
        return jdbcUrl != null && jdbcUrl.startsWith(PREFIX);
    }

    /** The file of a URL; null for in-memory and resource databases, whose journal is not a file's. */
    private static @Nullable Path fileOf(String url) {
        String path = url.substring(PREFIX.length());
        int q = path.indexOf('?');
        path = q >= 0 ? path.substring(0, q) : path;
        if (path.startsWith("file:")) {
            path = path.substring("file:".length());
        }
        if (path.isEmpty() || path.startsWith(":memory:") || path.startsWith(":resource:")) {
            return null;
        }
        return Path.of(path).toAbsolutePath();
    }

    /** Options of one client pool; every one has a default. */
    public static final class Builder {
        private final String url;
        private final @Nullable Path file;
        private String poolName = "syncwright-sqlite";
        private int maximumPoolSize = DEFAULT_POOL_SIZE;
        private int minimumIdle = 1;
        private Duration busyTimeout = DEFAULT_BUSY_TIMEOUT;
        private boolean keepExistingJournalMode;

        private Builder(String url, @Nullable Path file) {
            this.url = url;
            this.file = file;
        }

        public Builder poolName(String name) {
            this.poolName = Objects.requireNonNull(name, "name");
            return this;
        }

        public Builder maximumPoolSize(int size) {
            if (size < 1) {
                throw new IllegalArgumentException("a pool needs at least one connection, got " + size);
            }
            this.maximumPoolSize = size;
            return this;
        }

        /** Connections kept open while idle; 0 lets an idle application hold no file handle. */
        public Builder minimumIdle(int idle) {
            if (idle < 0) {
                throw new IllegalArgumentException("minimumIdle must not be negative, got " + idle);
            }
            this.minimumIdle = idle;
            return this;
        }

        public Builder busyTimeout(Duration timeout) {
            if (timeout.isNegative()) {
                throw new IllegalArgumentException("busy timeout must not be negative, got " + timeout);
            }
            this.busyTimeout = timeout;
            return this;
        }

        /**
         * A file that already exists keeps the journal mode its application chose (the journal mode
         * is a property of the file, not of the connection); only a new file is created in WAL. The
         * command line opens a user's database this way.
         */
        public Builder keepExistingJournalMode() {
            this.keepExistingJournalMode = true;
            return this;
        }

        /** The settings {@link #open()} uses, for callers that configure more of the pool themselves. */
        public HikariConfig config() {
            HikariConfig config = new HikariConfig();
            config.setPoolName(poolName);
            config.setJdbcUrl(url);
            config.setMaximumPoolSize(maximumPoolSize);
            config.setMinimumIdle(Math.min(minimumIdle, maximumPoolSize));
            // the driver reads these as connection properties and applies them on every connection it opens
            config.addDataSourceProperty("foreign_keys", "true");
            config.addDataSourceProperty("busy_timeout", Long.toString(busyTimeout.toMillis()));
            if (!(keepExistingJournalMode && exists())) {
                config.addDataSourceProperty("journal_mode", "WAL");
            }
            return config;
        }

        /** Opens the pool (one connection up front: a file that cannot be opened fails here). */
        public HikariDataSource open() {
            return new HikariDataSource(config());
        }

        private boolean exists() {
            try {
                return file != null && Files.size(file) > 0;
            } catch (java.io.IOException e) {
                return false; // no such file: it is created now
            }
        }
    }
}
