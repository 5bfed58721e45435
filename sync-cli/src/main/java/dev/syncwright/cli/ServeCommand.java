package dev.syncwright.cli;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.syncwright.core.SyncException;
import dev.syncwright.http.Authenticator;
import dev.syncwright.http.BearerTokens;
import dev.syncwright.http.JdbcScopes;
import dev.syncwright.http.JwtTokens;
import dev.syncwright.http.SyncHttpHandler;
import dev.syncwright.http.SyncHttpServer;
import dev.syncwright.jdbc.SnapshotPublisher;
import dev.syncwright.tracking.Provisioner;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.sql.DataSource;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

@Command(name = "serve", sortOptions = false, mixinStandardHelpOptions = true,
        description = "Serves the scopes of a database to devices over HTTP(S) (the sync protocol, docs/protocol.md): clients run "
                + "`syncwright sync --remote http(s)://HOST:PORT --scope NAME`. Stateless: any number of instances can serve one "
                + "database behind a load balancer. Runs until Ctrl-C or SIGTERM.",
        footerHeading = "%nExamples:%n",
        footer = {"  syncwright serve --db jdbc:postgresql://localhost/shop --scope sales --port 8443 \\",
            "      --tls-keystore server.p12 --tokens tokens.txt",
            "  # tokens.txt: one per line, TOKEN NAME [SCOPE,SCOPE...]",
            "  syncwright serve --db jdbc:postgresql://localhost/shop --jwt-hmac-secret-file secret.key"})
final class ServeCommand extends DatabaseCommand {
    static final String ENV_KEYSTORE_PASSWORD = "SYNCWRIGHT_TLS_KEYSTORE_PASSWORD";

    @Option(names = "--scope", paramLabel = "NAME", split = ",",
            description = "A scope to serve (repeatable, or comma-separated). Default: every scope provisioned in the database.")
    List<String> scopes = new ArrayList<>();

    @Option(names = "--port", paramLabel = "N", defaultValue = "8080", description = "Port to listen on (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "0.0.0.0",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, every interface).")
    String bind;

    @Option(names = "--tls-keystore", paramLabel = "FILE",
            description = "Serve HTTPS with the key and certificate chain of this key store (PKCS#12, or JKS when it ends in .jks); "
                    + "its password from $" + ENV_KEYSTORE_PASSWORD + ".")
    Path keystore;

    @ArgGroup(exclusive = true, multiplicity = "1", heading = "Authentication (one is required):%n")
    Auth auth;

    static final class Auth {
        @Option(names = "--tokens", paramLabel = "FILE", description = "Bearer tokens, one per line: TOKEN NAME [SCOPE,SCOPE...].")
        Path tokens;

        @Option(names = "--jwt-hmac-secret-file", paramLabel = "FILE",
                description = "JWT bearer tokens signed with the secret in this file (HS256/384/512, at least 32 bytes).")
        Path jwtSecret;

        @Option(names = "--jwt-public-key", paramLabel = "FILE",
                description = "JWT bearer tokens signed by the private half of this PEM public key or JWK set (RSA or EC).")
        Path jwtPublicKey;

        @Option(names = "--no-auth", description = "Every request may sync every served scope. Only on a trusted network.")
        boolean none;
    }

    @Option(names = "--jwt-issuer", paramLabel = "ISS", description = "With a JWT option: a token's iss must equal this.")
    String issuer;

    @Option(names = "--jwt-audience", paramLabel = "AUD", description = "With a JWT option: a token's aud must include this.")
    String audience;

    @Option(names = "--max-body-mb", paramLabel = "MB", defaultValue = "64",
            description = "The largest request body accepted, decompressed (default: ${DEFAULT-VALUE}).")
    int maxBodyMb;

    @Option(names = "--max-concurrent", paramLabel = "N", defaultValue = "16",
            description = "Requests served at once; more get 503 with Retry-After (default: ${DEFAULT-VALUE}).")
    int maxConcurrent;

    @Option(names = "--allow-relays", description = "Clients may also upload changes of other replicas they synced with (a regional "
            + "replica serving devices). Without it, a client uploads its own changes only (ADR 058).")
    boolean allowRelays;

    @Option(names = "--snapshots", paramLabel = "DIR", description = "Keep a snapshot of each --scope in DIR, a ready SQLite file "
            + "that new devices download instead of the scope row by row (ADR 066); the first ones are made at start.")
    Path snapshots;

    @Option(names = "--snapshot-every-minutes", paramLabel = "N", defaultValue = "60",
            description = "With --snapshots: make a new snapshot every N minutes (default: ${DEFAULT-VALUE}); a device starting from "
                    + "an older one downloads what changed since.")
    int snapshotEveryMinutes;

    /** Set when the server is listening (tests wait on it); counted down to stop it. */
    final CountDownLatch started = new CountDownLatch(1);
    final CountDownLatch stop = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    volatile int boundPort;

    @Override
    void validate() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be between 0 and 65535, not " + port);
        }
        if (maxBodyMb < 1 || maxConcurrent < 1) {
            throw new ParameterException(spec.commandLine(), "--max-body-mb and --max-concurrent must be at least 1");
        }
        if (snapshots != null && scopes.isEmpty()) {
            throw new ParameterException(spec.commandLine(), "--snapshots needs the scopes to keep snapshots of, named with --scope");
        }
        if (snapshotEveryMinutes < 1) {
            throw new ParameterException(spec.commandLine(), "--snapshot-every-minutes must be at least 1, not " + snapshotEveryMinutes);
        }
        if ((issuer != null || audience != null) && auth.jwtSecret == null && auth.jwtPublicKey == null) {
            throw new ParameterException(spec.commandLine(), "--jwt-issuer and --jwt-audience go with --jwt-hmac-secret-file or "
                    + "--jwt-public-key");
        }
    }

    @Override
    int run(DataSource dataSource, Provisioner provisioner) {
        for (String s : scopes) {
            if (provisioner.definition(s).isEmpty()) {
                throw new CliFailure(ExitCodes.CONFIGURATION, "Scope '" + s + "' is not provisioned in " + connect.shown(secrets)
                        + "; run `syncwright provision` first");
            }
        }
        Authenticator authenticator = authenticator();
        SSLContext tls = keystore == null ? null : tls();
        try (HikariDataSource pool = pool(dataSource);
                SnapshotPublisher publisher = snapshots == null ? null
                        : SnapshotPublisher.start(pool, scopes, snapshots, Duration.ofMinutes(snapshotEveryMinutes));
                SyncHttpServer server = SyncHttpServer.start(new InetSocketAddress(bind, port),
                        new SyncHttpHandler(served(pool, publisher), authenticator, (long) maxBodyMb << 20, maxConcurrent, allowRelays),
                        maxConcurrent, tls)) {
            boundPort = server.port();
            Thread hook = new Thread(() -> {
                // SIGTERM or Ctrl-C: stop serving (requests in flight get a second), then exit 0, as a service manager expects
                // of a clean stop; a JVM ended by a signal would otherwise exit 128 + its number
                stop.countDown();
                try {
                    closed.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                Runtime.getRuntime().halt(ExitCodes.OK);
            }, "syncwright-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            if (!quiet) {
                out().println("Serving " + (scopes.isEmpty() ? "every provisioned scope" : "scope(s) " + String.join(", ", scopes))
                        + " of " + connect.shown(secrets) + " at " + (tls == null ? "http" : "https") + "://" + bind + ":" + boundPort
                        + "/syncwright/v1/" + (publisher == null ? "" : "; snapshots for new devices in " + snapshots + ", renewed every "
                        + snapshotEveryMinutes + " min") + " (Ctrl-C to stop)");
                out().flush();
            }
            started.countDown();
            stop.await();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is what stopped us
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (SyncException e) {
            throw new CliFailure(ExitCodes.CONFIGURATION, e.getMessage(), e);
        } finally {
            closed.countDown();
        }
        return ExitCodes.OK;
    }

    private JdbcScopes served(DataSource pool, SnapshotPublisher publisher) {
        JdbcScopes s = JdbcScopes.of(pool, scopes.toArray(String[]::new));
        return publisher == null ? s : s.withSnapshots(publisher);
    }

    private Authenticator authenticator() {
        try {
            if (auth.tokens != null) {
                return BearerTokens.fromFile(auth.tokens);
            }
            if (auth.jwtSecret != null) {
                return JwtTokens.hmacSecretFile(auth.jwtSecret, issuer, audience);
            }
            if (auth.jwtPublicKey != null) {
                return JwtTokens.publicKeys(auth.jwtPublicKey, issuer, audience);
            }
            spec.commandLine().getErr().println("serve: --no-auth: every request may sync every served scope");
            return Authenticator.none();
        } catch (SyncException e) {
            throw new CliFailure(ExitCodes.CONFIGURATION, e.getMessage(), e);
        }
    }

    private SSLContext tls() {
        String password = env.get(ENV_KEYSTORE_PASSWORD);
        if (password == null) {
            throw new CliFailure(ExitCodes.CONFIGURATION, "--tls-keystore needs the key store's password in $" + ENV_KEYSTORE_PASSWORD);
        }
        secrets.add(password);
        try {
            return SyncHttpServer.tls(keystore, password.toCharArray());
        } catch (SyncException e) {
            throw new CliFailure(ExitCodes.CONFIGURATION, e.getMessage(), e);
        }
    }

    /** Up to two connections per request served at once (a download reads while it looks up). */
    private HikariDataSource pool(DataSource dataSource) {
        if (dataSource instanceof HikariDataSource sqlite) {
            // a SQLite file is already a pool (Connect, SqliteClients); a pool over it would wait on its connections
            return sqlite;
        }
        HikariConfig config = new HikariConfig();
        config.setPoolName("syncwright-serve");
        config.setDataSource(dataSource);
        config.setMaximumPoolSize(2 * maxConcurrent);
        config.setMinimumIdle(1);
        return new HikariDataSource(config);
    }
}
