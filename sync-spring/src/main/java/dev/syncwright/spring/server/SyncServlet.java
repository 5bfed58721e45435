package dev.syncwright.spring.server;

import dev.syncwright.http.SyncHttpHandler;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serial;

/** The sync protocol (docs/protocol.md) served by the application's servlet container, under {@code /syncwright/*}. */
final class SyncServlet extends HttpServlet {
    @Serial
    private static final long serialVersionUID = 1L;
    private final transient SyncHttpHandler handler;

    SyncServlet(SyncHttpHandler handler) {
        this.handler = handler;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        handler.handle(new ServletExchange(request, response));
    }
}
