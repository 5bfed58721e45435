package dev.syncwright.dialect;

import java.sql.DatabaseMetaData;
import java.sql.SQLException;

/** The database product and server version, as reported by {@link DatabaseMetaData}. */
public record DatabaseProduct(String name, String version, int major, int minor) {

    public static DatabaseProduct from(DatabaseMetaData md) throws SQLException {
        return new DatabaseProduct(md.getDatabaseProductName(), md.getDatabaseProductVersion(),
                md.getDatabaseMajorVersion(), md.getDatabaseMinorVersion());
    }

    /** True when this version is at least {@code major.minor}. */
    public boolean atLeast(int wantMajor, int wantMinor) {
        return major > wantMajor || (major == wantMajor && minor >= wantMinor);
    }

    @Override
    public String toString() {
        return name + " " + version;
    }
}
