package dev.syncwright.testing;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One JVM shutdown hook for everything this module created: first the test databases a caller
 * forgot to close (so that a shared server configured by URL is left clean), then the servers this
 * JVM started, last started first.
 */
final class Cleanup {

    private static final Set<TestDatabase> OPEN = ConcurrentHashMap.newKeySet();
    private static final Deque<Named> SERVERS = new ArrayDeque<>();
    private static boolean hookInstalled;

    private record Named(String what, AutoCloseable closeable) {
    }

    private Cleanup() {
    }

    static void opened(TestDatabase db) {
        installHook();
        OPEN.add(db);
    }

    static void closed(TestDatabase db) {
        OPEN.remove(db);
    }

    static void serverStarted(String what, AutoCloseable stop) {
        installHook();
        synchronized (SERVERS) {
            SERVERS.push(new Named(what, stop));
        }
    }

    private static synchronized void installHook() {
        if (!hookInstalled) {
            Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::runAtExit, "syncwright-test-databases-cleanup"));
            hookInstalled = true;
        }
    }

    private static void runAtExit() {
        for (TestDatabase db : new ArrayList<>(OPEN)) {
            try {
                db.close();
            } catch (RuntimeException e) {
                System.err.println("[syncwright-test] could not drop " + db + ": " + e.getMessage());
            }
        }
        List<Named> servers;
        synchronized (SERVERS) {
            servers = new ArrayList<>(SERVERS);
            SERVERS.clear();
        }
        for (Named server : servers) {
            try {
                server.closeable().close();
            } catch (Exception e) {
                System.err.println("[syncwright-test] could not stop " + server.what() + ": " + e);
            }
        }
    }

    /** Deletes a file tree; best effort. */
    static void deleteRecursively(Path root) throws IOException {
        if (root == null || !Files.exists(root)) {
            return;
        }
        Files.walkFileTree(root, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException exc) throws IOException {
                if (exc instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE; // deleted by someone else meanwhile
                }
                throw exc;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                if (exc != null && !(exc instanceof NoSuchFileException)) {
                    throw exc;
                }
                Files.deleteIfExists(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
