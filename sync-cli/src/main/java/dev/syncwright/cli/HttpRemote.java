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
