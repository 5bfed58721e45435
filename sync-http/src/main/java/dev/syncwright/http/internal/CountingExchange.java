package dev.syncwright.http.internal;

import dev.syncwright.http.Exchange;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/** An exchange that counts the bytes a session's request and response carry on the wire (compressed), for the session log. */
public final class CountingExchange implements Exchange {
    private final Exchange ex;
    private final Sessions.Tally tally;

    public CountingExchange(Exchange ex, Sessions.Tally tally) {
        this.ex = ex;
        this.tally = tally;
    }

    @Override
    public String method() {
        return ex.method();
    }

    @Override
    public String path() {
        return ex.path();
    }

    @Override
    public String header(String name) {
        return ex.header(name);
    }

    @Override
    public InputStream body() {
        return new FilterInputStream(ex.body()) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    tally.bytesIn.incrementAndGet();
                }
                return b;
            }

            @Override
            public int read(byte[] buf, int off, int len) throws IOException {
                int n = super.read(buf, off, len);
                if (n > 0) {
                    tally.bytesIn.addAndGet(n);
                }
                return n;
            }
        };
    }

    @Override
    public OutputStream respond(int status, String contentType, String... headerNamesAndValues) {
        return new FilterOutputStream(ex.respond(status, contentType, headerNamesAndValues)) {
            @Override
            public void write(int b) throws IOException {
                out.write(b);
                tally.bytesOut.incrementAndGet();
            }

            @Override
            public void write(byte[] buf, int off, int len) throws IOException {
                out.write(buf, off, len); // FilterOutputStream would write byte by byte
                tally.bytesOut.addAndGet(len);
            }
        };
    }
}
