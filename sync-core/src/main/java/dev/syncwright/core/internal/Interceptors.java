package dev.syncwright.core.internal;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.RowApplying;
import dev.syncwright.core.SessionStatistics;
import dev.syncwright.core.SyncInterceptor;
import java.util.List;

/** Every registered interceptor, called in registration order, as one. */
public final class Interceptors implements SyncInterceptor {
    private final List<SyncInterceptor> all;

    public Interceptors(List<SyncInterceptor> all) {
        this.all = List.copyOf(all);
    }

    boolean any() {
        return !all.isEmpty();
    }

    @Override
    public void sessionStarted(SessionEvent session) {
        all.forEach(i -> i.sessionStarted(session));
    }

    @Override
    public void batchSelected(SessionEvent session, int batch, int changes) {
        all.forEach(i -> i.batchSelected(session, batch, changes));
    }

    @Override
    public void rowApplying(SessionEvent session, RowApplying row) {
        for (SyncInterceptor i : all) {
            i.rowApplying(session, row);
            if (row.skipped()) {
                return; // held back: the later hooks have nothing to adapt
            }
        }
    }

    @Override
    public void batchApplied(SessionEvent session, int batch, long applied, long skipped, long deferred) {
        all.forEach(i -> i.batchApplied(session, batch, applied, skipped, deferred));
    }

    @Override
    public void conflict(SessionEvent session, Conflict conflict) {
        all.forEach(i -> i.conflict(session, conflict));
    }

    @Override
    public void sessionEnded(SessionEvent session, SessionStatistics statistics, Throwable failure) {
        all.forEach(i -> i.sessionEnded(session, statistics, failure));
    }
}
