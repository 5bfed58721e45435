package dev.syncwright.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import dev.syncwright.core.SyncException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A standalone sync server on the JDK's {@code HttpServer} (ADR 046): no dependency beyond the JDK,
 * a fixed pool of worker threads, the {@link SyncHttpHandler} behind it. TLS from the deployment's
 * key store ({@link #tls}), or from a reverse proxy in front of it.
 */
public final class SyncHttpServer implements AutoCloseable {
    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(SyncHttpServer.class);
    /**
     * The JDK server leaves Nagle's algorithm on unless this property says otherwise, and it writes a
     * response's headers and body separately: each small answer then waited for the client's delayed
     * ACK, about 40 ms, a dozen times per sync. Read once, when the JDK's server first starts: set
     * here unless the application chose a value itself.
     */
    private static final String NO_DELAY = "sun.net.httpserver.nodelay";
    private final HttpServer server;
    private final ExecutorService workers;

    private SyncHttpServer(HttpServer server, ExecutorService workers) {
        this.server = server;
        this.workers = workers;
    }

    /** Starts serving on {@code address} (port 0: any free port) with {@code threads} workers. */
    public static SyncHttpServer start(InetSocketAddress address, SyncHttpHandler handler, int threads) {
        return start(address, handler, threads, null);
    }

    /** Starts serving HTTPS with {@code tls} (null: plain HTTP). */
    public static SyncHttpServer start(InetSocketAddress address, SyncHttpHandler handler, int threads, SSLContext tls) {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        HttpServer s;
        try {
            if (tls == null) {
                s = HttpServer.create(address, 128);
            } else {
                HttpsServer https = HttpsServer.create(address, 128);
                https.setHttpsConfigurator(new HttpsConfigurator(tls));
                s = https;
            }
        } catch (IOException e) {
            throw new SyncException("Cannot listen on " + address + ": " + e.getMessage(), e);
        }
        ExecutorService workers = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "syncwright-http");
            t.setDaemon(true);
            return t;
        });
        s.setExecutor(workers);
        s.createContext("/", exchange -> {
            try (exchange) {
                handler.handle(adapt(exchange));
            } catch (UncheckedIOException e) {
                // the client went away mid-response: nothing to answer
                LOG.debug("The connection of {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
            } catch (RuntimeException | Error e) {
                // the JDK server swallows what a handler throws and may leave the client waiting for an answer: log it,
                // answer 500 if nothing was sent yet (the exchange is closed either way)
                LOG.error("Serving {} {} failed", exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), e);
                if (exchange.getResponseCode() == -1) {
                    try {
                        exchange.sendResponseHeaders(500, -1);
                    } catch (IOException | RuntimeException ignored) {
                        // the connection is gone
                    }
                }
                if (e instanceof Error error) {
                    throw error;
                }
            }
        });
        s.start();
        return new SyncHttpServer(s, workers);
    }

    /** A TLS context from a key store file (PKCS#12 or JKS) holding the server's key and certificate chain. */
    public static SSLContext tls(Path keyStore, char[] password) {
        try (InputStream in = Files.newInputStream(keyStore)) {
            KeyStore ks = KeyStore.getInstance(keyStore.toString().endsWith(".jks") ? "JKS" : "PKCS12");
            ks.load(in, password);
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(ks, password);
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(kmf.getKeyManagers(), null, null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            // the message of a wrong password names no part of it
            throw new SyncException("Cannot use the TLS key store " + keyStore + ": " + e.getMessage(), e);
        }
    }

    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(1);
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Exchange adapt(HttpExchange x) {
        return new Exchange() {
            @Override
            public String method() {
                return x.getRequestMethod();
            }

            @Override
            public String path() {
                return x.getRequestURI().getRawPath();
            }

            @Override
            public String header(String name) {
                return x.getRequestHeaders().getFirst(name);
            }

            @Override
            public InputStream body() {
                return x.getRequestBody();
            }

            @Override
            public OutputStream respond(int status, String contentType, String... headers) {
                return respond(status, contentType, 0, headers); // 0: chunked, the body streams
            }

            @Override
            public OutputStream respond(int status, String contentType, long lengthBytes, String... headers) {
                x.getResponseHeaders().set("Content-Type", contentType);
                for (int i = 0; i + 1 < headers.length; i += 2) {
                    x.getResponseHeaders().set(headers[i], headers[i + 1]);
                }
                try {
                    x.sendResponseHeaders(status, lengthBytes);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                return x.getResponseBody();
            }
        };
    }
}
