package dev.syncwright.core.internal;

import dev.syncwright.core.Conflict;
import dev.syncwright.core.RowApplying;
import dev.syncwright.core.SessionStatistics;
import dev.syncwright.core.SyncInterceptor;
import java.util.List;

/** Every registered interceptor, called in registration order, as one. */
public final class Interceptors implements SyncInterceptor {
    private final List<SyncInterceptor> all;
    private final boolean rowHooks;

    public Interceptors(List<SyncInterceptor> all) {
        this.all = List.copyOf(all);
        this.rowHooks = this.all.stream().anyMatch(Interceptors::hooksRows);
    }

    /**
     * Whether some interceptor has a row hook of its own. Only then is each row shown to it (a cost
     * on every row), and only then must the rows be written where this process runs (an upload to a
     * remote that writes them itself is refused).
     */
    boolean anyRowHook() {
        return rowHooks;
    }

    private static boolean hooksRows(SyncInterceptor i) {
        try {
            return i.getClass().getMethod("rowApplying", SessionEvent.class, RowApplying.class).getDeclaringClass() != SyncInterceptor.class;
        } catch (NoSuchMethodException e) {
            return true;
        }
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
