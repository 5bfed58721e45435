package dev.syncwright.cli;

import dev.syncwright.core.SyncCancellation;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C or SIGTERM during a command: the sync is cancelled between batches, the batch being
 * applied may commit (up to a grace period), and the process exits with what the command returned,
 * as documented, or with the interrupted code when it has not returned. Installed when made, from
 * the start of the command, so that a signal while connecting exits with the same code as one
 * during the sync; {@link #close} when the command is done.
 */
final class InterruptGuard implements AutoCloseable {
    private final SyncCancellation cancellation = new SyncCancellation();
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;
    /** What the hook exits with once the command has returned (set before {@code finished} opens). */
    private volatile int exitCode;
    /** The sync runs: an interrupt waits for the batch being applied. */
    private volatile boolean syncing;

    InterruptGuard(int interruptedCode, long graceSeconds) {
        exitCode = interruptedCode;
        hook = new Thread(() -> {
            cancellation.cancel();
            try {
                if (syncing) {
                    finished.await(graceSeconds, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            // a JVM ended by a signal exits with 128 + its number whatever main returns (SIGTERM: 143),
            // and System.exit would wait for this hook: exit with what the command returned
            Runtime.getRuntime().halt(exitCode);
        }, "syncwright-interrupt");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** What the sync checks between batches. */
    SyncCancellation cancellation() {
        return cancellation;
    }

    /** From now on an interrupt waits for the batch being applied. */
    void syncing() {
        syncing = true;
    }

    /** Records {@code code} as what the process exits with, and returns it. */
    int exit(int code) {
        exitCode = code;
        return code;
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running; it exits with this command's code now that it has finished
        }
    }
}
