package dev.syncwright.dialect.mysql;

import dev.syncwright.core.SyncException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which server a connection talks to, read from {@code DatabaseMetaData} strings.
 *
 * <p>Why not {@code getDatabaseMajorVersion()}: Connector/J reports product name "MySQL" for both
 * servers, and MariaDB 10.x presents itself as {@code 5.5.5-10.11.19-MariaDB-...} (the 5.5.5- prefix
 * keeps old MySQL clients working), so the driver says "5.5". Only the version string tells.
 */
public record ServerVersion(boolean mariaDb, int major, int minor, int patch) {
    private static final Pattern NUMBERS = Pattern.compile("^(\\d+)\\.(\\d+)(?:\\.(\\d+))?");

    /** Minimum MySQL: 8.0 (SKIP LOCKED, locking clauses in derived tables, utf8mb4 by default). */
    public static final ServerVersion MIN_MYSQL = new ServerVersion(false, 8, 0, 0);
    /** Minimum MariaDB: 10.6 (first with SKIP LOCKED). */
    public static final ServerVersion MIN_MARIADB = new ServerVersion(true, 10, 6, 0);

    /** Parses {@code productName} and {@code productVersion} as Connector/J reports them. */
    public static ServerVersion parse(String productName, String productVersion) {
        String name = productName == null ? "" : productName;
        String version = productVersion == null ? "" : productVersion.trim();
        boolean maria = name.toLowerCase(Locale.ROOT).contains("mariadb")
                || version.toLowerCase(Locale.ROOT).contains("mariadb");
        if (!maria && !name.toLowerCase(Locale.ROOT).contains("mysql")) {
            throw new SyncException("Not a MySQL or MariaDB server: " + productName + " " + productVersion);
        }
        if (maria && version.startsWith("5.5.5-")) {
            version = version.substring("5.5.5-".length());
        }
        Matcher m = NUMBERS.matcher(version);
        if (!m.find()) {
            throw new SyncException("Cannot read the server version from '" + productVersion + "'");
        }
        int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
        return new ServerVersion(maria, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch);
    }

    public String product() {
        return mariaDb ? "MariaDB" : "MySQL";
    }

    public boolean atLeast(int maj, int min) {
        return major > maj || (major == maj && minor >= min);
    }

    @Override
    public String toString() {
        return major + "." + minor + "." + patch;
    }
}
