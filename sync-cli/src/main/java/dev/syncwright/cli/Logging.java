package dev.syncwright.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Quiet by default: drivers log through java.util.logging and SLF4J, and their warnings would break
 * the one-line error contract. {@code --verbose} lets them speak, through a stderr that masks the
 * command's secrets as its own messages are masked: a driver or the pool may log a URL or an
 * exception message, and what they write does not pass through {@link Secrets} otherwise.
 */
final class Logging {
    private Logging() {
    }

    static void configure(boolean verbose, Secrets secrets) {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "off");
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        Logger root = LogManager.getLogManager().getLogger("");
        root.setLevel(verbose ? Level.INFO : Level.OFF);
        if (verbose && !(System.err instanceof Masked)) {
            // SLF4J's simple logger looks System.err up at each line; java.util.logging's console handler keeps
            // the stream it was made with, so it is made again
            System.setErr(new Masked(System.err, secrets));
            for (Handler h : root.getHandlers()) {
                root.removeHandler(h);
            }
            root.addHandler(new ConsoleHandler());
        }
    }

    /** Writes line by line (or at a carriage return, for progress bars, or a flush), each line masked. */
    private static final class Masked extends PrintStream {
        Masked(PrintStream target, Secrets secrets) {
            super(new MaskingOutput(target, secrets), true, StandardCharsets.UTF_8);
        }
    }

    private static final class MaskingOutput extends OutputStream {
        private final PrintStream target;
        private final Secrets secrets;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        MaskingOutput(PrintStream target, Secrets secrets) {
            this.target = target;
            this.secrets = secrets;
        }

        @Override
        public synchronized void write(int b) {
            line.write(b);
            if (b == '\n' || b == '\r') {
                flush();
            }
        }

        @Override
        public synchronized void flush() {
            if (line.size() > 0) {
                target.print(secrets.mask(line.toString(StandardCharsets.UTF_8)));
                line.reset();
            }
            target.flush();
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
