package dev.syncwright.it.http;

import dev.syncwright.http.Authenticator;
import dev.syncwright.http.JdbcScopes;
import dev.syncwright.http.SyncHttpHandler;
import dev.syncwright.http.SyncHttpServer;
import java.net.InetSocketAddress;
import org.postgresql.ds.PGSimpleDataSource;

/** A sync server in a process of its own, so that a test can kill it with SIGKILL: {@code ServerMain JDBC_URL PORT}. */
public final class ServerMain {
    private ServerMain() {
    }

    public static void main(String[] args) throws InterruptedException {
        PGSimpleDataSource ds = new PGSimpleDataSource();
        ds.setUrl(args[0]);
        SyncHttpServer.start(new InetSocketAddress("127.0.0.1", Integer.parseInt(args[1])),
                new SyncHttpHandler(JdbcScopes.of(ds), Authenticator.none(), 64 << 20, 8), 8);
        System.out.println("listening");
        System.out.flush();
        Thread.currentThread().join();
    }
}
