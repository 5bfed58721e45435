package dev.syncwright.jdbc;

import dev.syncwright.core.ConflictPolicy;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.SyncDirection;
import dev.syncwright.core.SyncException;
import dev.syncwright.core.SyncOrchestrator;
import dev.syncwright.core.SyncResult;
import dev.syncwright.jdbc.internal.JdbcScope;
import dev.syncwright.jdbc.internal.ScopeDigest;
import dev.syncwright.jdbc.internal.ScopeDigest.Segment;
import dev.syncwright.jdbc.internal.Touch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.jspecify.annotations.Nullable;

/**
 * Proves two replicas of a scope hold the same rows, or names every row that differs (ADR 044), and
 * repairs a replica from the other through the normal versioned path.
 *
 * <pre>{@code
 * Verification.Result r = Verification.compare(client, server);
 * if (!r.equal()) {
 *     Verification.repair(client, server); // the client made equal to the server; the repair syncs onward
 * }
 * }</pre>
 *
 * Each side reads its rows once, in parallel, into digests of content-defined segments; only the
 * segments whose digests differ are read again, row by row. No row travels for equal segments.
 */
public final class Verification {
    private Verification() {
    }

    /** How a row differs: present on one side only, or with other values. */
    public enum Kind { ONLY_LOCAL, ONLY_REMOTE, DIFFERENT }

    /**
     * One row that differs: its table, key (JSON), the kind, the columns whose values differ (every
     * column of a row present on one side only), the names of all its columns, both sides' values in
     * that order as canonical text (null: NULL; the list null: no row), and the row's item id.
     */
    public record Difference(String table, String key, Kind kind, List<String> columns, List<String> names,
            @Nullable List<@Nullable String> local, @Nullable List<@Nullable String> remote, ItemId item) {}

    /** The outcome: rows read per side, the differences, how long it took. */
    public record Result(long localRows, long remoteRows, List<Difference> differences, Duration duration) {
        public boolean equal() {
            return differences.isEmpty();
        }
    }

    /** Compares two replicas of the same scope. */
    public static Result compare(JdbcSyncProvider local, JdbcSyncProvider remote) {
        long start = System.nanoTime();
        JdbcScope l = local.scope();
        JdbcScope r = remote.scope();
        requireSameShape(l, r);
        List<Difference> diffs = new ArrayList<>();
        long[] counts = new long[2];
        for (int table = 0; table < l.definition().tables().size(); table++) {
            int t = table;
            CompletableFuture<List<Segment>> remoteSegs = CompletableFuture.supplyAsync(() -> ScopeDigest.segments(r, t));
            List<Segment> localSegs = ScopeDigest.segments(l, t);
            List<Segment> theirs = join(remoteSegs);
            counts[0] += localSegs.stream().mapToLong(Segment::rows).sum();
            counts[1] += theirs.stream().mapToLong(Segment::rows).sum();
            for (ItemId[] region : differingRegions(localSegs, theirs)) {
                diffs.addAll(diffRows(l, r, t, region[0], region[1]));
            }
        }
        return new Result(counts[0], counts[1], diffs, Duration.ofNanos(System.nanoTime() - start));
    }

    /**
     * Makes {@code repaired} equal to {@code truth}: the rows that differ get fresh versions at
     * {@code truth} (a row {@code truth} lacks gets a deletion), then one session from {@code truth}
     * to {@code repaired} carries them, the source's values winning, and the next syncs carry them
     * onward to every other replica. Returns the comparison made after the repair.
     */
    public static Result repair(JdbcSyncProvider repaired, JdbcSyncProvider truth, boolean repairedIsLocal) {
        Result before = repairedIsLocal ? compare(repaired, truth) : compare(truth, repaired);
        if (before.equal()) {
            return before;
        }
        Set<ItemId> ids = new LinkedHashSet<>();
        before.differences().forEach(d -> ids.add(d.item()));
        Touch.items(truth.scope(), ids);
        JdbcSyncProvider local = repairedIsLocal ? repaired : truth;
        JdbcSyncProvider remote = repairedIsLocal ? truth : repaired;
        SyncResult r = SyncOrchestrator.between(local, remote).direction(repairedIsLocal ? SyncDirection.DOWNLOAD : SyncDirection.UPLOAD)
                .conflicts(ConflictPolicy.sourceWins()).run();
        Objects.requireNonNull(r);
        return repairedIsLocal ? compare(repaired, truth) : compare(truth, repaired);
    }

    /**
     * Regions of the table (from a segment start both sides have to the next one both have) whose
     * segments are not the same on both sides.
     */
    static List<ItemId[]> differingRegions(List<Segment> a, List<Segment> b) {
        TreeSet<ItemId> common = new TreeSet<>();
        Set<ItemId> inB = new HashSet<>();
        b.forEach(s -> inB.add(s.first()));
        a.stream().map(Segment::first).filter(inB::contains).forEach(common::add);
        List<ItemId[]> out = new ArrayList<>();
        for (ItemId from : common) {
            ItemId to = common.higher(from);
            List<Segment> sa = within(a, from, to);
            List<Segment> sb = within(b, from, to);
            boolean same = sa.size() == sb.size();
            for (int i = 0; same && i < sa.size(); i++) {
                same = sa.get(i).sameAs(sb.get(i));
            }
            if (!same) {
                out.add(new ItemId[] {from, to});
            }
        }
        return out;
    }

    private static List<Segment> within(List<Segment> segs, ItemId from, @Nullable ItemId toExclusive) {
        return segs.stream().filter(s -> s.first().compareTo(from) >= 0 && (toExclusive == null || s.first().compareTo(toExclusive) < 0))
                .toList();
    }

    private static List<Difference> diffRows(JdbcScope l, JdbcScope r, int table, ItemId from, ItemId to) {
        CompletableFuture<NavigableMap<ItemId, List<String>>> remoteRows = CompletableFuture.supplyAsync(
                () -> ScopeDigest.rows(r, table, from, to));
        NavigableMap<ItemId, List<String>> mine = ScopeDigest.rows(l, table, from, to);
        NavigableMap<ItemId, List<String>> theirs = join(remoteRows);
        List<String> columns = ScopeDigest.columns(l, table);
        String name = l.definition().tables().get(table).name().name();
        TreeSet<ItemId> keys = new TreeSet<>(mine.keySet());
        keys.addAll(theirs.keySet());
        List<Difference> out = new ArrayList<>();
        for (ItemId id : keys) {
            List<String> a = mine.get(id);
            List<String> b = theirs.get(id);
            if (a != null && a.equals(b)) {
                continue;
            }
            Kind kind = a == null ? Kind.ONLY_REMOTE : b == null ? Kind.ONLY_LOCAL : Kind.DIFFERENT;
            List<String> differing = new ArrayList<>();
            for (int i = 0; i < columns.size(); i++) {
                if (a == null || b == null || !Objects.equals(a.get(i), b.get(i))) {
                    differing.add(columns.get(i));
                }
            }
            out.add(new Difference(name, ScopeDigest.keyJson(l, id), kind, differing, columns, a, b, id));
        }
        return out;
    }

    private static void requireSameShape(JdbcScope a, JdbcScope b) {
        var ta = a.definition().tables();
        var tb = b.definition().tables();
        boolean same = ta.size() == tb.size();
        for (int i = 0; same && i < ta.size(); i++) {
            same = ta.get(i).name().name().equals(tb.get(i).name().name()) && ta.get(i).changeUnitCount() == tb.get(i).changeUnitCount();
        }
        if (!same || !a.definition().name().equals(b.definition().name())) {
            throw new SyncException("Replicas of scope '" + a.definition().name() + "' and '" + b.definition().name() + "' do not have the "
                    + "same tables and columns; sync the client once (it adopts the server's definition), then verify");
        }
    }

    private static <T> T join(CompletableFuture<T> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : e;
        }
    }
}
