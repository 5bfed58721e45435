package dev.syncwright.dialect.postgres;

import dev.syncwright.core.SyncException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Decodes the messages of PostgreSQL's {@code pgoutput} plugin, protocol version 1 with messages on,
 * as {@code pg_logical_slot_peek_binary_changes} returns them, one message per row (ADR 065). Values
 * come in their text form; {@link #UNCHANGED} stands for a TOASTed value the change left as it was.
 */
final class PgOutput {
    /** An unchanged TOASTed value ('u'): the column was not changed by this row's update. */
    static final String UNCHANGED = new String(new char[] {'\u0000', 'u'});

    /** A table as the stream describes it: its columns in the order of the tuples. */
    record Relation(int id, String schema, String name, List<String> columns) {}

    /** One decoded message; Relation and Type messages update the map and decode to null. */
    sealed interface Message permits Begin, Commit, Change, Note {}

    record Begin() implements Message {}

    /** {@code commitLsn}: where the commit record starts; {@code endLsn}: where it ends. */
    record Commit(long commitLsn, long endLsn) implements Message {}

    /** 'I', 'U' or 'D'; {@code before} is null unless the table's replica identity sent the old row. */
    record Change(char kind, Relation relation, String[] before, String[] after) implements Message {}

    /** A message of {@code pg_logical_emit_message}. */
    record Note(String prefix, String content) implements Message {}

    private PgOutput() {
    }

    static Message decode(byte[] data, Map<Integer, Relation> relations) {
        ByteBuffer b = ByteBuffer.wrap(data);
        char type = (char) b.get();
        switch (type) {
            case 'B':
                return new Begin();
            case 'C': {
                b.get(); // flags
                long commit = b.getLong();
                long end = b.getLong();
                return new Commit(commit, end);
            }
            case 'R': {
                int id = b.getInt();
                String schema = cstring(b);
                String name = cstring(b);
                b.get(); // replica identity setting
                int n = Short.toUnsignedInt(b.getShort());
                List<String> columns = new ArrayList<>(n);
                for (int i = 0; i < n; i++) {
                    b.get(); // flags (part of the key)
                    columns.add(cstring(b));
                    b.getInt(); // type oid
                    b.getInt(); // type modifier
                }
                relations.put(id, new Relation(id, schema, name, List.copyOf(columns)));
                return null;
            }
            case 'I': {
                Relation r = relation(b.getInt(), relations);
                b.get(); // 'N'
                return new Change('I', r, null, tuple(b));
            }
            case 'U': {
                Relation r = relation(b.getInt(), relations);
                char marker = (char) b.get();
                String[] before = null;
                if (marker == 'K' || marker == 'O') {
                    before = tuple(b);
                    marker = (char) b.get();
                }
                if (marker != 'N') {
                    throw new SyncException("Unexpected pgoutput update layout (marker '" + marker + "')");
                }
                return new Change('U', r, before, tuple(b));
            }
            case 'D': {
                Relation r = relation(b.getInt(), relations);
                b.get(); // 'K' or 'O'
                return new Change('D', r, tuple(b), null);
            }
            case 'M': {
                b.get(); // flags
                b.getLong(); // lsn
                String prefix = cstring(b);
                byte[] content = new byte[b.getInt()];
                b.get(content);
                return new Note(prefix, new String(content, StandardCharsets.UTF_8));
            }
            case 'T':
                throw new SyncException("A TRUNCATE reached the log of a captured table although Syncwright's guard refuses it; "
                        + "the capture cannot tell which rows it removed: provision the scope again");
            default:
                return null; // 'Y' (type), 'O' (origin): nothing to do
        }
    }

    private static Relation relation(int id, Map<Integer, Relation> relations) {
        Relation r = relations.get(id);
        if (r == null) {
            throw new SyncException("pgoutput sent a change of relation " + id + " before describing it");
        }
        return r;
    }

    private static String[] tuple(ByteBuffer b) {
        int n = Short.toUnsignedInt(b.getShort());
        String[] values = new String[n];
        for (int i = 0; i < n; i++) {
            char kind = (char) b.get();
            switch (kind) {
                case 'n' -> values[i] = null;
                case 'u' -> values[i] = UNCHANGED;
                case 't' -> {
                    byte[] v = new byte[b.getInt()];
                    b.get(v);
                    values[i] = new String(v, StandardCharsets.UTF_8);
                }
                default -> throw new SyncException("Unexpected pgoutput column kind '" + kind + "'");
            }
        }
        return values;
    }

    private static String cstring(ByteBuffer b) {
        int start = b.position();
        while (b.get() != 0) {
            // up to the terminating zero
        }
        return new String(b.array(), start, b.position() - start - 1, StandardCharsets.UTF_8);
    }
}
