package dev.syncwright.cli;

import dev.syncwright.core.SessionStatistics;
import dev.syncwright.core.SyncProgress;
import java.util.Locale;

/**
 * Shows the committed batches of a sync: a bar per direction (and pass) on a terminal, one line per
 * batch that carried changes otherwise, nothing when quiet. Not thread-safe; the orchestrator reports
 * from the thread that runs the sync.
 */
final class SyncProgressView implements AutoCloseable {
    private final Progress progress;
    private final String prefix;
    /** Per direction (ordinal): sessions seen, and changes sent in the current one. */
    private final int[] passes = new int[SessionStatistics.Direction.values().length];
    private final long[] lastSent = new long[SessionStatistics.Direction.values().length];
    private Progress.Bar bar;
    private SessionStatistics.Direction barDirection;
    private long barSent;

    SyncProgressView(Progress progress, String prefix) {
        this.progress = progress;
        this.prefix = prefix;
    }

    void accept(SyncProgress p) {
        int d = p.direction().ordinal();
        boolean newSession = p.batches() == 1;
        if (newSession) {
            // a new session; the library runs another pass of a direction when a constraint refused rows
            passes[d]++;
            lastSent[d] = 0;
        }
        long before = lastSent[d];
        lastSent[d] = p.changesSent();
        String name = direction(p.direction()) + (passes[d] > 1 ? " pass " + passes[d] : "");
        long estimate = p.estimatedChanges().isPresent() ? Math.max(p.estimatedChanges().getAsLong(), p.changesSent()) : -1;
        if (progress.mode() == Progress.Mode.BAR) {
            if (bar == null || newSession || barDirection != p.direction()) {
                closeBar();
                if (p.changesSent() == 0 && p.batches() == 1 && estimate <= 0) {
                    return; // an empty session: no bar
                }
                bar = progress.bar(prefix + name, estimate, "changes");
                barDirection = p.direction();
            }
            barSent = p.changesSent();
            bar.stepTo(p.changesSent(), estimate);
            bar.message(" " + p.batches() + (p.batches() == 1 ? " batch" : " batches"));
            return;
        }
        // the last batch of a session may carry only knowledge: not worth a line
        if (p.changesSent() == before) {
            return;
        }
        // the estimate counts every tracked change newer than what the destination knew for sure: an upper bound
        String of = estimate >= 0 ? " of at most ~" + estimate : "";
        progress.line(prefix + name + " batch " + p.batches() + " committed: " + p.changesSent() + of + " changes sent, "
                + p.changesApplied() + " applied");
    }

    private void closeBar() {
        if (bar != null) {
            bar.done(barSent); // the session is over: the estimate was an upper bound
            bar.close();
            bar = null;
        }
    }

    @Override
    public void close() {
        closeBar();
    }

    static String direction(SessionStatistics.Direction d) {
        return d.name().toLowerCase(Locale.ROOT);
    }
}
