package dev.syncwright.spring.server;

import dev.syncwright.http.Exchange;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;

/** A servlet request and response as the sync handler sees them. */
final class ServletExchange implements Exchange {
    private final HttpServletRequest request;
    private final HttpServletResponse response;

    ServletExchange(HttpServletRequest request, HttpServletResponse response) {
        this.request = request;
        this.response = response;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        // the handler routes on /syncwright/...: the application's context path is not part of it
        return request.getRequestURI().substring(request.getContextPath().length());
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public InputStream body() {
        try {
            return request.getInputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public OutputStream respond(int status, String contentType, String... headerNamesAndValues) {
        response.setStatus(status);
        response.setContentType(contentType);
        for (int i = 0; i + 1 < headerNamesAndValues.length; i += 2) {
            response.setHeader(headerNamesAndValues[i], headerNamesAndValues[i + 1]);
        }
        try {
            return response.getOutputStream();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public OutputStream respond(int status, String contentType, long lengthBytes, String... headerNamesAndValues) {
        response.setContentLengthLong(lengthBytes);
        return respond(status, contentType, headerNamesAndValues);
    }
}
