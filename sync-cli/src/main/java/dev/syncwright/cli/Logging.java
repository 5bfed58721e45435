package dev.syncwright.cli;

import java.util.logging.Level;
import java.util.logging.LogManager;

/**
 * Quiet by default: drivers log through java.util.logging and SLF4J, and their warnings would break
 * the one-line error contract. {@code --verbose} lets them speak.
 */
final class Logging {
    private Logging() {
    }

    static void configure(boolean verbose) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "off");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        LogManager.getLogManager().getLogger("").setLevel(verbose ? Level.INFO : Level.OFF);
    }
}
