package dev.syncwright.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Testcontainers, used only when a Docker engine is actually there. A cheap look for a Docker
 * endpoint comes first, so that a machine without Docker pays nothing and gets no Testcontainers
 * error log; only then {@code DockerClientFactory.instance().isDockerAvailable()} is asked, with a
 * time limit. Can be switched off with {@code SYNCWRIGHT_TEST_DOCKER=false} (or
 * {@code -Dsyncwright.test.docker=false}).
 */
final class Docker {

    static final String SWITCH_ENV = "SYNCWRIGHT_TEST_DOCKER";
    static final String SWITCH_PROPERTY = "syncwright.test.docker";
    private static final long CHECK_TIMEOUT_SECONDS = 30;

    /** null: not checked yet; otherwise the reason Docker cannot be used, or "" when it can. */
    private static String unavailableReason;

    private Docker() {
    }

    /** Throws with the reason when no Docker engine can be used. Checked once per JVM. */
    static synchronized void requireEngine() throws SourceUnavailable {
        if (unavailableReason == null) {
            unavailableReason = check();
        }
        if (!unavailableReason.isEmpty()) {
            throw new SourceUnavailable(unavailableReason);
        }
    }

    private static String check() {
        String switchValue = System.getProperty(SWITCH_PROPERTY, System.getenv(SWITCH_ENV));
        if (switchValue != null && switchValue.trim().equalsIgnoreCase("false")) {
            return "disabled by " + SWITCH_ENV + "/" + SWITCH_PROPERTY + "=false";
        }
        List<String> looked = new ArrayList<>();
        if (!anyEndpointConfiguredOrPresent(looked)) {
            return "no Docker engine (looked for " + String.join(", ", looked) + ")";
        }
        FutureTask<Boolean> probe = new FutureTask<>(
                () -> org.testcontainers.DockerClientFactory.instance().isDockerAvailable());
        Thread thread = new Thread(probe, "syncwright-docker-probe");
        thread.setDaemon(true);
        thread.start();
        try {
            return probe.get(CHECK_TIMEOUT_SECONDS, TimeUnit.SECONDS)
                    ? ""
                    : "Testcontainers found no working Docker environment";
        } catch (TimeoutException e) {
            probe.cancel(true);
            return "Docker did not answer within " + CHECK_TIMEOUT_SECONDS + " s";
        } catch (ExecutionException e) {
            return "Docker check failed: " + e.getCause();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted while checking for Docker";
        } catch (LinkageError e) {
            return "Testcontainers not on the class path: " + e;
        }
    }

    /** True when something suggests a Docker engine; Testcontainers then decides. */
    private static boolean anyEndpointConfiguredOrPresent(List<String> looked) {
        if (System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win")) {
            looked.add("Windows named pipe");
            return true; // let Testcontainers look for the named pipe itself
        }
        looked.add("DOCKER_HOST");
        if (notBlank(System.getenv("DOCKER_HOST")) || notBlank(System.getProperty("docker.host"))
                || notBlank(System.getenv("TESTCONTAINERS_DOCKER_SOCKET_OVERRIDE"))) {
            return true;
        }
        String home = System.getProperty("user.home", "");
        looked.add("~/.testcontainers.properties");
        if (Files.isRegularFile(Path.of(home, ".testcontainers.properties"))) {
            return true;
        }
        List<Path> sockets = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                Path.of(home, ".docker", "run", "docker.sock"),
                Path.of(home, ".docker", "desktop", "docker.sock"),
                Path.of(home, ".colima", "default", "docker.sock"),
                Path.of(home, ".rd", "docker.sock"),
                Path.of(home, ".orbstack", "run", "docker.sock")));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (notBlank(runtimeDir)) {
            sockets.add(Path.of(runtimeDir, "docker.sock"));
            sockets.add(Path.of(runtimeDir, "podman", "podman.sock"));
        }
        for (Path socket : sockets) {
            looked.add(socket.toString());
            if (Files.exists(socket)) {
                return true;
            }
        }
        return false;
    }

    private static boolean notBlank(String s) {
        return s != null && !s.isBlank();
    }
}
