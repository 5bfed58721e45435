package dev.syncwright.cli;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * How a command shows progress on stderr: a progress bar (me.tongfei:progressbar) when the output
 * is a terminal, one plain line per step otherwise (logs, pipes, tests), nothing with {@code --quiet}.
 */
final class Progress {
    enum Mode { BAR, LINES, NONE }

    private final Mode mode;
    private final PrintWriter err;

    private Progress(Mode mode, PrintWriter err) {
        this.mode = mode;
        this.err = err;
    }

    /** Bars only when both a console is attached and stderr is the writer picocli uses for System.err. */
    static Progress of(boolean quiet, PrintWriter err) {
        if (quiet) {
            return new Progress(Mode.NONE, err);
        }
        return new Progress(System.console() != null ? Mode.BAR : Mode.LINES, err);
    }

    Mode mode() {
        return mode;
    }

    /** A plain progress line (not shown as a bar: bars carry the same information). */
    void line(String text) {
        if (mode == Mode.LINES) {
            err.println(text);
            err.flush();
        }
    }

    /** A line shown in both visible modes (a step that has no bar). */
    void note(String text) {
        if (mode != Mode.NONE) {
            err.println(text);
            err.flush();
        }
    }

    /** A determinate bar ({@code max} < 0: unknown yet, shown as a spinner with elapsed time); null when not in bar mode. */
    Bar bar(String task, long max, String unit) {
        if (mode != Mode.BAR) {
            return null;
        }
        err.flush();
        ProgressBarBuilder b = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(max)
                .setStyle(ProgressBarStyle.COLORFUL_UNICODE_BLOCK)
                .setUpdateIntervalMillis(100)
                .continuousUpdate()
                .hideEta()
                .setConsumer(new ConsoleProgressBarConsumer(stderr()));
        if (unit != null) {
            b.setUnit(" " + unit, 1);
        }
        return new Bar(b.build());
    }

    /** A spinner with the elapsed time, for one long statement (backfill); null when not in bar mode. */
    Bar spinner(String task) {
        if (mode != Mode.BAR) {
            return null;
        }
        err.flush();
        return new Bar(new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(-1)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(100)
                .continuousUpdate()
                .hideEta()
                .setConsumer(new ConsoleProgressBarConsumer(stderr()))
                .build());
    }

    private static PrintStream stderr() {
        return System.err;
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    /** A running bar; {@link #close()} prints its final state and ends the line. */
    static final class Bar implements AutoCloseable {
        private final ProgressBar bar;

        private Bar(ProgressBar bar) {
            this.bar = bar;
        }

        void stepTo(long n, long maxHint) {
            if (maxHint >= 0) {
                bar.maxHint(Math.max(maxHint, n));
            }
            bar.stepTo(n);
        }

        void message(String extra) {
            bar.setExtraMessage(extra);
        }

        /** Marks an open-ended bar as finished at {@code n}. */
        void done(long n) {
            bar.maxHint(n);
            bar.stepTo(n);
        }

        @Override
        public void close() {
            bar.close();
        }
    }
}
