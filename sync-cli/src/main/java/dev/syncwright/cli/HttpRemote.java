package dev.syncwright.cli;

import dev.syncwright.core.SyncException;
import dev.syncwright.http.HttpSyncProvider;
import dev.syncwright.jdbc.ServerScope;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * A remote given as {@code http(s)://HOST:PORT}: a sync server ({@code syncwright serve}, or an
 * application with {@code syncwright.server.enabled=true}), reached with a bearer token from
 * {@code --token-file} or {@code $SYNCWRIGHT_TOKEN}. The token is never printed.
 */
final class HttpRemote {
    static final String ENV_TOKEN = "SYNCWRIGHT_TOKEN";

    private HttpRemote() {
    }

    static boolean is(String url) {
        return url.startsWith("http://") || url.startsWith("https://");
    }

    static HttpSyncProvider connect(String url, String scope, Path tokenFile, int timeoutSeconds, Map<String, String> env,
            Secrets secrets) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (java.net.URISyntaxException e) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "--remote is not a valid URL: " + e.getMessage(), e);
        }
        if (uri.getRawUserInfo() != null) {
            secrets.add(uri.getRawUserInfo());
            throw new CliFailure(ExitCodes.CONFIGURATION, "--remote " + secrets.mask(url) + " holds credentials; give a token with "
                    + "--token-file or $" + ENV_TOKEN + " instead");
        }
        if (uri.getHost() == null) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "--remote " + url + " names no host; e.g. https://sync.example.com:8443");
        }
        String token = tokenFile != null ? read(tokenFile) : env.get(ENV_TOKEN);
        if (token != null && token.isBlank()) {
            throw new CliFailure(ExitCodes.CONFIGURATION, (tokenFile != null ? "the token file " + tokenFile : "$" + ENV_TOKEN)
                    + " is empty");
        }
        secrets.add(token);
        try {
            return HttpSyncProvider.connect(uri, scope, token == null ? null : () -> token, Duration.ofSeconds(timeoutSeconds));
        } catch (SyncException e) {
            throw new CliFailure(ExitCodes.CONFIGURATION, e.getMessage(), e);
        }
    }

    /**
     * A new local SQLite file started from the server's snapshot of the scope (ADR 066); -1 when the
     * server keeps none (the sync then downloads row by row). A download that fails is a failed sync
     * (exit 1), and leaves no file.
     */
    static long startFromSnapshot(HttpSyncProvider remote, Path file, int timeoutSeconds, java.io.PrintWriter progress) {
        if (progress != null) {
            progress.println("Fetching the server's snapshot of scope '" + remote.scope() + "'...");
            progress.flush();
        }
        long t0 = System.nanoTime();
        java.util.Optional<dev.syncwright.http.FetchedSnapshot> got;
        try {
            got = remote.startFromSnapshot(file, Duration.ofSeconds(timeoutSeconds));
        } catch (SyncException e) {
            throw new CliFailure(ExitCodes.FAILED, "starting from the server's snapshot of scope '" + remote.scope() + "' failed "
                    + "(no local file was made; sync again, or with --no-snapshot): " + e.getMessage(), e);
        }
        if (progress != null) {
            progress.println(got.map(s -> String.format(java.util.Locale.ROOT, "Started from the snapshot: %.1f MB in %.1f s%s, "
                    + "replica %s", s.bytes() / 1e6, (System.nanoTime() - t0) / 1e9, s.resumes() == 0 ? ""
                    : " (the connection broke " + s.resumes() + (s.resumes() == 1 ? " time" : " times") + "; the download went on)",
                    s.replica()))
                    .orElse("The server keeps no snapshot of scope '" + remote.scope() + "': downloading it row by row"));
            progress.flush();
        }
        return got.map(dev.syncwright.http.FetchedSnapshot::bytes).orElse(-1L);
    }

    /** The server's description of the scope; a server that cannot be reached or refuses is configuration (exit 3). */
    static ServerScope describe(HttpSyncProvider remote, String shown) {
        try {
            return remote.describeScope();
        } catch (SyncException e) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "the remote " + shown + ": " + e.getMessage(), e);
        }
    }

    private static String read(Path tokenFile) {
        try {
            return Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "cannot read the token file " + tokenFile + ": " + e.getMessage(), e);
        }
    }
}
