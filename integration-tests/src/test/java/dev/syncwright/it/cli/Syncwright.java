package dev.syncwright.it.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Runs the built, shaded jar as a separate process, as a user would. */
final class Syncwright {
    private static final long TIMEOUT_SECONDS = 120;

    /** What one run printed. */
    record Result(int exit, String out, String err) {
        /** The error contract: exactly one line on stderr, no stack trace. */
        Result failsWithOneLine(int expectedExit) {
            assertThat(exit).as("exit code; stderr: %s", err).isEqualTo(expectedExit);
            assertThat(err.strip()).as("stderr").isNotEmpty().doesNotContain("\n").doesNotContain("\tat ");
            return this;
        }

        /** With --verbose: the error line among the driver's log lines, then the stack trace. */
        Result failsVerbosely(int expectedExit) {
            assertThat(exit).as("exit code; stderr: %s", err).isEqualTo(expectedExit);
            assertThat(err.lines().filter(l -> l.startsWith("syncwright ")).count()).as("error lines; stderr: %s", err).isOne();
            assertThat(err).as("stderr").contains("\tat ");
            return this;
        }

        Result succeeds() {
            assertThat(exit).as("exit code; stderr: %s; stdout: %s", err, out).isZero();
            return this;
        }
    }

    private Syncwright() {
    }

    static Path jar() {
        String jar = System.getProperty("syncwright.jar");
        assertThat(jar).as("system property syncwright.jar (set by failsafe)").isNotNull();
        Path p = Path.of(jar);
        assertThat(p).as("the shaded jar; run through 'verify' so that it is packaged first").isRegularFile();
        return p;
    }

    static Result run(String... args) {
        return run(Map.of(), args);
    }

    static Result run(Map<String, String> env, String... args) {
        try {
            Process p = start(env, args);
            CompletableFuture<String> out = read(p.getInputStream());
            CompletableFuture<String> err = read(p.getErrorStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("syncwright " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Runs with these environment variables removed (besides the credentials, which are always removed). */
    static Result runWithout(List<String> unset, String... args) {
        try {
            Process p = start(Map.of(), unset, args);
            CompletableFuture<String> out = read(p.getInputStream());
            CompletableFuture<String> err = read(p.getErrorStream());
            if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError("syncwright " + String.join(" ", args) + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            return new Result(p.exitValue(), out.join(), err.join());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Starts the command without waiting for it, stdin closed; the caller reads its output and ends it. */
    static Process start(Map<String, String> env, String... args) {
        return start(env, List.of(), args);
    }

    static Process start(Map<String, String> env, List<String> unset, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-jar");
        cmd.add(jar().toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().remove(Cli.ENV_USER);
        pb.environment().remove(Cli.ENV_PASSWORD);
        unset.forEach(pb.environment()::remove);
        pb.environment().putAll(env);
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            return p;
        } catch (IOException e) {
            throw new AssertionError("cannot start " + cmd, e);
        }
    }

    static CompletableFuture<String> read(java.io.InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "<unreadable: " + e + ">";
            }
        });
    }

    static String readFile(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
