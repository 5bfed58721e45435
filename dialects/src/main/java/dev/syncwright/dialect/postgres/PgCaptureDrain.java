package dev.syncwright.dialect.postgres;

import dev.syncwright.core.SyncException;
import dev.syncwright.dialect.ChangeCapture;
import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.Jdbc;
import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.TableDefinition;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One drain of a scope's slot (ADR 065). Under a session advisory lock (one drain at a time, slot
 * advance included): reads the log up to the current end without consuming it, writes the tracking
 * rows of every transaction committed since the last drain, in commit order, with the very statements
 * of the triggers run over temporary tables that hold the transaction's rows (consecutive changes of
 * one kind to one table go together, as a statement's rows do, up to a key seen twice), records the
 * end it reached in the same transaction, commits, and only then lets the slot advance. A crash
 * before the commit captures the same changes again; after it, the recorded end skips them.
 */
final class PgCaptureDrain {
    private static final long LOCK_CLASS = 0x53574341L; // "SWCA"

    private final PgNames names;
    private final PgCapture capture;
    private final PgTriggers triggers;
    private final Connection c;
    private final String scope;
    private final Map<String, Target> targets = new HashMap<>();
    private Set<String> started;
    private long count;

    /** A captured table: its temporary tables, their columns and the trigger bodies over them. */
    private final class Target {
        final TableDefinition def;
        final List<ColumnDefinition> columns;
        final String key;
        final String newRows;
        final String oldRows;
        final Map<Character, String> blocks = new HashMap<>();
        List<String> types;
        boolean created;
        /** Columns the log leaves out (generated columns): compared as "changed" or not, as text. */
        boolean[] absent;

        Target(TableDefinition t, int index) {
            def = new TableDefinition(t.name(), t.columns(), t.foreignKeys(), t.uniqueConstraints(), t.changeUnitCount(), false);
            List<ColumnDefinition> cols = new ArrayList<>(def.primaryKey());
            cols.addAll(def.changeUnits());
            columns = List.copyOf(cols);
            key = triggers.suppressKey(t);
            newRows = names.quote("sw_new$" + index);
            oldRows = names.quote("sw_old$" + index);
            blocks.put('I', block(triggers.insertBody(def)));
            blocks.put('U', block(triggers.updateBody(def)));
            blocks.put('D', block(triggers.deleteBody(def)));
        }

        private String block(String body) {
            return "DO $sw$\n" + body.replaceAll("\\bsw_new\\b", java.util.regex.Matcher.quoteReplacement(newRows))
                    .replaceAll("\\bsw_old\\b", java.util.regex.Matcher.quoteReplacement(oldRows))
                    .replace("RETURN NULL;", "RETURN;") + "$sw$";
        }

        void create() {
            if (created) {
                return;
            }
            String cols = columns.stream().map(col -> names.quote(col.name())).collect(Collectors.joining(", "));
            for (String temp : List.of(newRows, oldRows)) {
                Jdbc.execute(c, "CREATE TEMP TABLE " + temp + " ON COMMIT DROP AS SELECT " + cols + " FROM " + names.table(def.name())
                        + " WITH NO DATA", def.name().toString());
            }
            for (int i = 0; i < columns.size(); i++) {
                if (absent != null && absent[i]) {
                    for (String temp : List.of(newRows, oldRows)) {
                        Jdbc.execute(c, "ALTER TABLE " + temp + " ALTER COLUMN " + names.quote(columns.get(i).name())
                                + " TYPE text USING NULL", def.name().toString());
                    }
                }
            }
            types = Jdbc.query(c, "SELECT pg_catalog.format_type(atttypid, atttypmod) FROM pg_catalog.pg_attribute "
                    + "WHERE attrelid = ?::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum", def.name().toString(),
                    rs -> rs.getString(1), "pg_temp." + newRows);
            created = true;
        }
    }

    /** Consecutive changes of one kind to one table, no key twice: what one statement's trigger would see. */
    private final class Batch {
        Target target;
        char kind;
        final List<String[]> before = new ArrayList<>();
        final List<String[]> after = new ArrayList<>();
        final Set<List<String>> keys = new HashSet<>();

        void add(Target t, PgOutput.Change ch) throws SQLException {
            String[] a = ch.after() == null ? null : project(t, ch.relation(), ch.after());
            String[] b = ch.before() == null ? null : project(t, ch.relation(), ch.before());
            if (b == null && ch.kind() == 'U') {
                // no old row (the replica identity is no longer FULL, which stops syncs until provisioning repairs it):
                // every column with a value counts as changed, so that no change is lost
                b = Arrays.copyOf(Arrays.copyOf(a, t.def.primaryKey().size()), a.length);
            }
            if (t.absent == null) {
                t.absent = new boolean[t.columns.size()];
                for (int i = 0; i < t.absent.length; i++) {
                    t.absent[i] = !ch.relation().columns().contains(t.columns.get(i).name());
                }
            }
            if (a != null && b != null) {
                resolveUnchanged(b, a);
                derived(t, b, a);
            }
            List<String> kb = b == null ? null : keyOf(t, b);
            List<String> ka = a == null ? null : keyOf(t, a);
            if (t != target || ch.kind() != kind || (kb != null && keys.contains(kb)) || (ka != null && keys.contains(ka))) {
                flush();
                target = t;
                kind = ch.kind();
            }
            if (kb != null) {
                keys.add(kb);
                before.add(b);
            }
            if (ka != null) {
                keys.add(ka);
                after.add(a);
            }
            count++;
        }

        void flush() throws SQLException {
            if (target == null || (before.isEmpty() && after.isEmpty())) {
                return;
            }
            target.create();
            try (Statement s = c.createStatement()) {
                s.execute("TRUNCATE " + target.newRows + ", " + target.oldRows);
            }
            fill(target, target.newRows, after);
            fill(target, target.oldRows, before);
            try (Statement s = c.createStatement()) {
                s.execute(target.blocks.get(kind));
            }
            before.clear();
            after.clear();
            keys.clear();
            target = null;
        }
    }

    PgCaptureDrain(PgNames names, PgCapture capture, PgTriggers triggers, Connection c, String scope, List<TableDefinition> tables) {
        this.names = names;
        this.capture = capture;
        this.triggers = triggers;
        this.c = c;
        this.scope = scope;
        int i = 0;
        for (TableDefinition t : tables) {
            targets.put(t.name().schema() + "." + t.name().name(), new Target(t, i++));
        }
    }

    /**
     * Takes (or releases) the scope's capture lock, a session advisory lock: one drain at a time, slot advance
     * included, and no drain while provisioning switches the scope over or renews its slot.
     */
    static void lock(Connection c, String scope, boolean take) {
        Jdbc.query(c, "SELECT pg_catalog.pg_advisory_" + (take ? "lock" : "unlock") + "(" + LOCK_CLASS + "::int, hashtext(?))",
                "capture lock", rs -> null, scope);
    }

    long run() {
        try {
            boolean auto = c.getAutoCommit();
            if (!auto) {
                c.commit();
            }
            c.setAutoCommit(true);
            // an enumerator's connection is left REPEATABLE READ (PgTicks): the drain's upserts of tracking rows an
            // apply writes at the same time wait for it and go on, as the triggers' do, rather than fail to serialize
            int isolation = c.getTransactionIsolation();
            c.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            lock(c, scope, true);
            try {
                return drain();
            } finally {
                if (!c.getAutoCommit()) {
                    c.rollback();
                    c.setAutoCommit(true);
                }
                lock(c, scope, false);
                c.setTransactionIsolation(isolation);
                c.setAutoCommit(auto);
            }
        } catch (SQLException e) {
            throw new SqlFailure("Capturing changes from the log for", "scope '" + scope + "'", e);
        }
    }

    private long drain() throws SQLException {
        List<Object[]> state = Jdbc.query(c, "SELECT slot_name, publication, coalesce(upto_lsn - '0/0', 0)::bigint, started FROM "
                + capture.stateTable() + " WHERE scope_name = ?", "syncwright.capture", rs -> new Object[] {rs.getString(1),
                rs.getString(2), rs.getLong(3), rs.getArray(4).getArray()}, scope);
        if (state.isEmpty()) {
            throw new SyncException("Scope '" + scope + "' is not captured from the log");
        }
        String slot = (String) state.get(0)[0];
        long from = (Long) state.get(0)[2];
        started = new LinkedHashSet<>(Arrays.asList((String[]) state.get(0)[3]));
        ChangeCapture.Status status = capture.status(c, scope);
        if (status.lost()) {
            throw new SyncException("The replication slot " + slot + " of scope '" + scope + "' is " + status.walStatus()
                    + ": changes written since the last capture may be gone from the log, so this replica cannot say what changed. "
                    + "Run `syncwright provision ... --capture logical` again: it creates a new slot and stamps every row as changed "
                    + "here (nothing is lost; peers may see conflicts), or reinitialize this replica");
        }
        // The peek decodes flushed log only. With synchronous_commit off a transaction is committed for its client
        // before its commit record is flushed: a transaction of our own committed with synchronous_commit on flushes
        // every record before its own. The flushed end after it is then past every commit that returned before.
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            s.execute("SET LOCAL synchronous_commit = on");
            s.execute("SELECT pg_catalog.pg_logical_emit_message(true, 'syncwright.flush', '')");
        }
        c.commit();
        c.setAutoCommit(true);
        long upto = Jdbc.queryLong(c, "SELECT (pg_catalog.pg_current_wal_flush_lsn() - '0/0')::bigint", "pg_current_wal_flush_lsn");
        c.setAutoCommit(false);
        Map<Integer, PgOutput.Relation> relations = new HashMap<>();
        Batch batch = new Batch();
        List<PgOutput.Message> tx = new ArrayList<>();
        try (PreparedStatement peek = c.prepareStatement("SELECT data FROM pg_catalog.pg_logical_slot_peek_binary_changes(?, "
                + "('0/0'::pg_lsn + ?::numeric), NULL, 'proto_version', '1', 'publication_names', ?, 'messages', 'true')")) {
            peek.setString(1, slot);
            peek.setLong(2, upto);
            peek.setString(3, (String) state.get(0)[1]);
            peek.setFetchSize(2000);
            try (ResultSet rs = peek.executeQuery()) {
                while (rs.next()) {
                    PgOutput.Message m = PgOutput.decode(rs.getBytes(1), relations);
                    if (m instanceof PgOutput.Begin) {
                        tx.clear();
                    } else if (m instanceof PgOutput.Commit commit) {
                        if (commit.commitLsn() >= from && commit.commitLsn() < upto) {
                            transaction(tx, batch);
                        }
                        tx.clear();
                    } else if (m != null) {
                        tx.add(m);
                    }
                }
            }
        }
        batch.flush();
        try (PreparedStatement p = c.prepareStatement("UPDATE " + capture.stateTable() + " SET upto_lsn = '0/0'::pg_lsn + ?::numeric, "
                + "started = ? WHERE scope_name = ?")) {
            p.setLong(1, upto);
            p.setArray(2, c.createArrayOf("text", started.toArray()));
            p.setString(3, scope);
            p.executeUpdate();
        }
        c.commit();
        // only now: a crash before this point leaves the slot where it was, and the recorded end skips what was captured
        Jdbc.query(c, "SELECT pg_catalog.pg_replication_slot_advance(?, '0/0'::pg_lsn + ?::numeric) FROM pg_catalog.pg_replication_slots "
                + "WHERE slot_name = ? AND confirmed_flush_lsn < '0/0'::pg_lsn + ?::numeric", "replication slot " + slot, rs -> null,
                slot, upto, slot, upto);
        c.commit();
        return count;
    }

    /** One committed transaction, in order: the marks of the provider's own writes and the start marks first come first. */
    private void transaction(List<PgOutput.Message> tx, Batch batch) throws SQLException {
        String own = "";
        for (PgOutput.Message m : tx) {
            if (m instanceof PgOutput.Note note) {
                if (note.prefix().equals(PgCapture.OWN)) {
                    own = note.content();
                } else if (note.prefix().equals(PgCapture.START)) {
                    List<String> lines = List.of(note.content().split("\n", -1));
                    if (lines.get(0).equals(scope)) {
                        started.addAll(lines.subList(1, lines.size()));
                    }
                }
            } else if (m instanceof PgOutput.Change ch) {
                Target t = targets.get(ch.relation().schema() + "." + ch.relation().name());
                if (t != null && started.contains(t.key) && !own.equals(t.key)) {
                    batch.add(t, ch);
                }
            }
        }
    }

    /** The values of the target's columns (keys, then change units) out of the row as the stream sent it. */
    private static String[] project(Target t, PgOutput.Relation r, String[] row) {
        String[] out = new String[t.columns.size()];
        for (int i = 0; i < out.length; i++) {
            int at = r.columns().indexOf(t.columns.get(i).name());
            out[i] = at < 0 || at >= row.length ? null : row[at];
        }
        return out;
    }

    /** A TOASTed value left unchanged: the old row's value on both sides, or no value on either. */
    private static void resolveUnchanged(String[] before, String[] after) {
        for (int i = 0; i < after.length; i++) {
            boolean a = after[i] == PgOutput.UNCHANGED;
            boolean b = before[i] == PgOutput.UNCHANGED;
            if (a && !b) {
                after[i] = before[i];
            } else if (a || b) {
                after[i] = null;
                before[i] = null;
            }
        }
    }

    /**
     * A generated column is not in the log: it counts as changed when another column of the row changed
     * (its value travels again, the same where the expression gave the same), else as unchanged.
     */
    private static void derived(Target t, String[] before, String[] after) {
        boolean changed = false;
        for (int i = 0; i < after.length; i++) {
            changed |= !t.absent[i] && !java.util.Objects.equals(before[i], after[i]);
        }
        for (int i = 0; i < after.length; i++) {
            if (t.absent[i]) {
                before[i] = null;
                after[i] = changed ? "changed" : null;
            }
        }
    }

    private static List<String> keyOf(Target t, String[] row) {
        return Arrays.asList(Arrays.copyOf(row, t.def.primaryKey().size()));
    }

    private void fill(Target t, String table, List<String[]> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int n = t.columns.size();
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(table).append(" SELECT ");
        for (int i = 0; i < n; i++) {
            sql.append(i == 0 ? "" : ", ").append("u.c").append(i).append("::").append(t.types.get(i));
        }
        sql.append(" FROM unnest(");
        for (int i = 0; i < n; i++) {
            sql.append(i == 0 ? "" : ", ").append("?::text[]");
        }
        sql.append(") AS u(").append(java.util.stream.IntStream.range(0, n).mapToObj(i -> "c" + i).collect(Collectors.joining(", ")))
                .append(")");
        try (PreparedStatement p = c.prepareStatement(sql.toString())) {
            for (int i = 0; i < n; i++) {
                String[] column = new String[rows.size()];
                for (int r = 0; r < rows.size(); r++) {
                    column[r] = rows.get(r)[i];
                }
                Array a = c.createArrayOf("text", column);
                p.setArray(i + 1, a);
            }
            p.executeUpdate();
        }
    }
}
