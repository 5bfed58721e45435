package dev.syncwright.files.internal;

import dev.syncwright.core.simple.ChangeUnitVersionDefinition;
import dev.syncwright.core.simple.CustomFieldDefinition;
import dev.syncwright.core.simple.IdentityRule;
import dev.syncwright.core.simple.ItemMetadataSchema;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Predicate;

/**
 * How a file is an item (ADR 050). Identity: a UUID, so that a rename or move keeps the item and
 * only its path changes. Change unit 0 is the relative path ('/'-separated), versioned by itself;
 * unit 1 the content, versioned by its XXH3-128 hash. Size, modification time, file key, when the
 * hash was last checked and the replica the content came from form one local field ({@link #STAT}):
 * the scanner's memory, never a reason to send anything. One field, not five, because the SQLite
 * metadata store indexes every custom field of every item.
 */
public final class FileSchema {
    public static final int ID = 1;
    public static final int PATH = 2;
    public static final int HASH = 3;
    /** Local: size, mtime, check time, origin and file key, packed by {@link Entry}. */
    public static final int STAT = 4;

    public static final int PATH_UNIT = 0;
    public static final int CONTENT_UNIT = 1;

    /**
     * Appended to a recorded path when the store put the file somewhere other than asked (a name
     * clash): the next scan reports the real path, which differs, so the move gets a version of
     * its own and travels. Never a value a path can hold.
     */
    static final String MOVED_MARK = "\u0000moved";

    /**
     * The "hash" of an empty folder's item (ADR 050, "Empty folders"): one byte, which no 16-byte
     * content hash can equal, so a folder's content unit never changes and never meets a file's.
     */
    static final byte[] FOLDER_HASH = {'/'};

    /** True when {@code hash} is {@link #FOLDER_HASH}: the item is an empty folder, not a file. */
    static boolean isFolder(byte[] hash) {
        return hash != null && hash.length == 1 && hash[0] == '/';
    }

    /** The id of an empty folder first seen at {@code path}: as {@link #newId} of {@code path + "/"}, which no file's path is. */
    static UUID newFolderId(String path, Predicate<UUID> taken) {
        return newId(path + "/", taken);
    }

    public static final ItemMetadataSchema SCHEMA = new ItemMetadataSchema(
            List.of(CustomFieldDefinition.of(ID, UUID.class), CustomFieldDefinition.of(PATH, String.class),
                    CustomFieldDefinition.of(HASH, byte[].class), CustomFieldDefinition.of(STAT, byte[].class)),
            IdentityRule.of(ID),
            List.of(ChangeUnitVersionDefinition.of(PATH_UNIT, PATH), ChangeUnitVersionDefinition.of(CONTENT_UNIT, HASH)),
            List.of(STAT));

    private FileSchema() {}

    /** A recorded path without the moved mark. */
    static String cleanPath(Object recorded) {
        String s = (String) recorded;
        return s != null && s.endsWith(MOVED_MARK) ? s.substring(0, s.length() - MOVED_MARK.length()) : s;
    }

    /**
     * The id of a file first seen at {@code path}: derived from the path (case-folded), so that
     * replicas which already hold the same file (two copies of one folder, synced for the first
     * time) give it the same id, and two files created at one path on two replicas meet as the
     * core's insert/insert conflict. When that id is taken here (the first file moved away, or is
     * a tombstone), the next variant is used; two different files sharing an id were then both
     * created at this path, which is again a real name clash.
     */
    static UUID newId(String path, Predicate<UUID> taken) {
        String base = path.toLowerCase(Locale.ROOT);
        for (int n = 0; ; n++) {
            String key = n == 0 ? base : base + "\u0000" + n;
            UUID id = UUID.nameUUIDFromBytes(key.getBytes(StandardCharsets.UTF_8));
            if (!taken.test(id)) {
                return id;
            }
        }
    }
}
