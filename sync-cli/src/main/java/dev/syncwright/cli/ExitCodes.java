package dev.syncwright.cli;

/** The exit codes every command documents in its {@code --help} (issue 5). */
final class ExitCodes {
    static final int OK = 0;
    /** Reserved for sync: finished, but with deferred or unresolved conflicts. */
    static final int CONFLICTS = 1;
    static final int USAGE = 2;
    /** The database cannot be reached or the request does not fit it (unknown table, scope, file). */
    static final int CONFIGURATION = 3;
    /** The work started and failed; where the database allows it, everything was rolled back. */
    static final int FAILED = 4;

    private ExitCodes() {
    }

    /** The name of an exit code in the JSON error object ({@code "code"}), for scripts that prefer words. */
    static String name(int exitCode) {
        return switch (exitCode) {
            case OK -> "OK";
            case CONFLICTS -> "CONFLICTS";
            case USAGE -> "USAGE";
            case CONFIGURATION -> "CONFIGURATION";
            case FAILED -> "FAILED";
            case SyncCommand.INTERRUPTED -> "INTERRUPTED";
            default -> "ERROR";
        };
    }
}
