package dev.syncwright.core.simple;

import dev.syncwright.core.ItemId;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;
import java.util.stream.Stream;

/** Small real stores for the simple-provider tests: a folder of text files, and the same folder with a change journal. */
final class Stores {
    static final int NAME = 1;
    /** Single-unit layout: SHA-256 (hex) of the whole file. */
    static final int HASH = 2;
    /** Two-unit layout: CRC32 of the title line (Long) and SHA-256 (bytes) of the body. */
    static final int TITLE_CRC = 2;
    static final int BODY_SHA = 3;

    static final ItemMetadataSchema ONE_UNIT = new ItemMetadataSchema(
            List.of(CustomFieldDefinition.of(NAME, String.class), CustomFieldDefinition.of(HASH, String.class)),
            IdentityRule.of(NAME));

    static final ItemMetadataSchema TWO_UNITS = new ItemMetadataSchema(
            List.of(CustomFieldDefinition.of(NAME, String.class), CustomFieldDefinition.of(TITLE_CRC, Long.class),
                    CustomFieldDefinition.of(BODY_SHA, byte[].class)),
            IdentityRule.of(NAME),
            List.of(ChangeUnitVersionDefinition.of(0, TITLE_CRC), ChangeUnitVersionDefinition.of(1, BODY_SHA)));

    static ItemId id(String name) {
        return ItemId.ofString(name); // a lone String identity encodes to exactly this
    }

    private Stores() {}

    /**
     * A folder of text files: identity = file name. With one unit the data is the whole content;
     * with two, the first line (title) and the rest (body), each versioned by its own hash.
     */
    static class FolderStore implements FullEnumerationStore {
        final Path dir;
        final boolean twoUnits;
        /** Whether writes check that the item did not change since the provider last recorded it. */
        boolean guarded = true;
        int writes;

        FolderStore(Path dir, boolean twoUnits) {
            this.dir = dir;
            this.twoUnits = twoUnits;
        }

        // ---- local edits, as a user (or another program) would make them ----

        void write(String name, String content) {
            try {
                Files.writeString(dir.resolve(name), content, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void write(String name, String title, String body) {
            write(name, title + "\n" + body);
        }

        void delete(String name) {
            try {
                Files.deleteIfExists(dir.resolve(name));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        String read(String name) {
            Path p = dir.resolve(name);
            try {
                return Files.exists(p) ? Files.readString(p, StandardCharsets.UTF_8) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        boolean exists(String name) {
            return Files.exists(dir.resolve(name));
        }

        /** Every file as its data (one or two units), by name. */
        Map<String, List<Object>> data() {
            Map<String, List<Object>> m = new TreeMap<>();
            for (String n : names()) {
                m.put(n, List.of(split(read(n))));
            }
            return m;
        }

        List<String> names() {
            try (Stream<Path> s = Files.list(dir)) {
                return s.map(p -> p.getFileName().toString()).sorted().toList();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        Object[] split(String content) {
            if (!twoUnits) {
                return new Object[] {content};
            }
            int nl = content.indexOf('\n');
            return nl < 0 ? new Object[] {content, ""} : new Object[] {content.substring(0, nl), content.substring(nl + 1)};
        }

        String join(Object[] values) {
            for (Object v : values) {
                if (!(v instanceof String)) {
                    throw new IllegalArgumentException("file data must be strings, got " + v);
                }
            }
            return twoUnits ? values[0] + "\n" + values[1] : (String) values[0];
        }

        ItemFields fields(String name, String content) {
            if (!twoUnits) {
                return ItemFields.of(NAME, name, HASH, HexFormat.of().formatHex(sha256(content)));
            }
            Object[] v = split(content);
            java.util.zip.CRC32 crc = new java.util.zip.CRC32();
            crc.update(((String) v[0]).getBytes(StandardCharsets.UTF_8));
            return ItemFields.of(NAME, name, TITLE_CRC, crc.getValue(), BODY_SHA, sha256((String) v[1]));
        }

        // ---- the store interface ----

        @Override
        public void listItems(Consumer<ItemFields> sink) {
            for (String n : names()) {
                sink.accept(fields(n, read(n)));
            }
        }

        @Override
        public Object[] load(ItemFields identity) {
            String c = read(identity.string(NAME));
            return c == null ? null : split(c);
        }

        @Override
        public ItemFields insert(ItemFields identity, Object[] values) {
            String name = identity.string(NAME);
            if (guarded && exists(name)) {
                throw new IllegalStateException("file " + name + " was created locally since the last detection pass");
            }
            String content = join(values);
            write(name, content);
            writes++;
            return fields(name, content);
        }

        @Override
        public ItemFields update(ItemFields expected, int[] units, Object[] values) {
            String name = expected.string(NAME);
            String current = read(name);
            if (current == null) {
                throw new IllegalStateException("file " + name + " was deleted locally since the last detection pass");
            }
            if (guarded) {
                checkUnchanged(name, current, expected, units);
            }
            Object[] row = split(current);
            for (int i = 0; i < units.length; i++) {
                row[units[i]] = values[i];
            }
            String content = join(row);
            write(name, content);
            writes++;
            return fields(name, content);
        }

        @Override
        public void delete(ItemFields expected) {
            String name = expected.string(NAME);
            String current = read(name);
            if (guarded && current != null) {
                checkUnchanged(name, current, expected, twoUnits ? new int[] {0, 1} : new int[] {0});
            }
            delete(name);
            writes++;
        }

        /** The optimistic check SimpleItemStore recommends: refuse to overwrite a local edit not yet detected. */
        private void checkUnchanged(String name, String current, ItemFields expected, int[] units) {
            ItemFields now = fields(name, current);
            ItemMetadataSchema schema = twoUnits ? TWO_UNITS : ONE_UNIT;
            for (int u : units) {
                for (int f : schema.changeUnitVersionDefinitions().get(u).fieldIds()) {
                    if (!java.util.Objects.deepEquals(now.get(f), expected.get(f))) {
                        throw new IllegalStateException("file " + name + " changed locally since the last detection pass (unit " + u + ")");
                    }
                }
            }
        }
    }

    /**
     * The folder with a change journal, as a store with a change feed would have: every write (local
     * or on behalf of sync) appends the file name; the anchor is the journal position as 8 bytes.
     */
    static class JournalStore extends FolderStore implements AnchorStore {
        final List<String> journal = new ArrayList<>();

        JournalStore(Path dir, boolean twoUnits) {
            super(dir, twoUnits);
        }

        @Override
        void write(String name, String content) {
            super.write(name, content);
            journal.add(name);
        }

        @Override
        void delete(String name) {
            super.delete(name);
            journal.add(name);
        }

        @Override
        public Changes changesSince(byte[] anchor) {
            int from = anchor == null ? 0 : (int) ByteBuffer.wrap(anchor).getLong();
            Set<String> touched = new LinkedHashSet<>(journal.subList(from, journal.size()));
            List<ItemFields> changed = new ArrayList<>();
            List<ItemFields> deleted = new ArrayList<>();
            for (String n : touched) {
                String c = read(n);
                if (c == null) {
                    deleted.add(ItemFields.of(NAME, n));
                } else {
                    changed.add(fields(n, c));
                }
            }
            return new Changes(changed, deleted, ByteBuffer.allocate(8).putLong(journal.size()).array());
        }
    }

    static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
