package dev.syncwright.it.cli;

/**
 * The command line's contract as README.md states it: exit codes and environment variables. The
 * tests run the jar as a user does, so they hold the documented values, not the implementation's.
 */
final class Cli {
    static final int OK = 0;
    static final int CONFLICTS = 1;
    static final int USAGE = 2;
    static final int CONFIGURATION = 3;
    static final int FAILED = 4;
    static final int INTERRUPTED = 130;
    static final String ENV_USER = "SYNCWRIGHT_DB_USER";
    static final String ENV_PASSWORD = "SYNCWRIGHT_DB_PASSWORD";
    static final String ENV_TOKEN = "SYNCWRIGHT_TOKEN";
    /** The demo's SQLite file and the tables it syncs (README, "Try it"). */
    static final String DEMO_FILE = "syncwright-demo.db";
    static final java.util.List<String> DEMO_TABLES = java.util.List.of("customers", "products", "orders", "order_lines");

    private Cli() {
    }
}
