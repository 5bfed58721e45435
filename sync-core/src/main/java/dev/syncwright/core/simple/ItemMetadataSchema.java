package dev.syncwright.core.simple;

import dev.syncwright.core.ItemId;
import dev.syncwright.core.SyncException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.UUID;

/**
 * How a simple provider maps an item store's fields onto sync metadata (the seed document's
 * {@code ItemMetadataSchema}): the custom fields, the {@link IdentityRule} that says which of them
 * identify an item, and the {@link ChangeUnitVersionDefinition}s that say which of them version each
 * change unit. Without change-unit definitions the item is one change unit (unit 0) versioned by every
 * custom field that is not an identity field.
 *
 * <p>Every custom field is either an identity field, the version field of exactly one change unit,
 * or a declared <b>local field</b>: a field that is neither would be stored but never used, which is
 * almost always a mistake, so the schema refuses it. Local fields are what a store remembers about
 * an item for itself (a file's size and modification time, to skip hashing it when they are
 * unchanged): they are reported and stored like the others, but a change of one alone gives the
 * item no new version, so it never travels and never conflicts.
 *
 * <h2>Item ids</h2>
 * The item id is derived from the identity field values, in the identity rule's order, so that every
 * replica derives the same id for the same identity without any lookup, and an id can be decoded back
 * into the identity when a change arrives from another replica:
 * <ul>
 *   <li>{@code Boolean}: one byte, 0 or 1.</li>
 *   <li>{@code Integer}, {@code Long}: 4 or 8 bytes big-endian with the sign bit flipped, so bytewise
 *   order is numeric order (a lone {@code Long} identity gives exactly {@link ItemId#ofLong}).</li>
 *   <li>{@code UUID}: its 16 bytes, most significant first (the order of the textual form).</li>
 *   <li>{@code String} (as UTF-8) and {@code byte[]}: the bytes themselves when the field is the last
 *   identity field (a lone {@code String} identity gives exactly {@link ItemId#ofString}); otherwise
 *   each 0x00 byte is written 0x00 0xFF and the field ends with 0x00 0x01, so the encoding stays
 *   self-delimiting and a shorter value still sorts before its extensions.</li>
 * </ul>
 * Bytewise order of ids therefore follows the order of the identity tuples (strings by code point).
 * The encoding is part of the sync contract: replicas that exchange items must use the same identity
 * rule and types.
 */
public final class ItemMetadataSchema {
    private final Map<Integer, CustomFieldDefinition> fields;
    private final IdentityRule identity;
    private final List<ChangeUnitVersionDefinition> units;
    private final List<Integer> localFields;
    private final Map<Integer, Integer> unitOfField = new HashMap<>();

    /** A schema whose items are one change unit, versioned by every non-identity field. */
    public ItemMetadataSchema(List<CustomFieldDefinition> customFields, IdentityRule identityRule) {
        this(customFields, identityRule, List.of());
    }

    public ItemMetadataSchema(List<CustomFieldDefinition> customFields, IdentityRule identityRule,
            List<ChangeUnitVersionDefinition> changeUnitVersions) {
        this(customFields, identityRule, changeUnitVersions, List.of());
    }

    /**
     * A schema with local fields: custom fields the store reports and the metadata keeps, that
     * version nothing (see the class comment). Without change-unit definitions, the single unit is
     * versioned by every field that is neither an identity nor a local field.
     */
    public ItemMetadataSchema(List<CustomFieldDefinition> customFields, IdentityRule identityRule,
            List<ChangeUnitVersionDefinition> changeUnitVersions, List<Integer> localFieldIds) {
        Objects.requireNonNull(customFields, "customFields");
        this.localFields = List.copyOf(Objects.requireNonNull(localFieldIds, "localFieldIds"));
        this.identity = Objects.requireNonNull(identityRule, "identityRule");
        Objects.requireNonNull(changeUnitVersions, "changeUnitVersions");
        Map<Integer, CustomFieldDefinition> f = new LinkedHashMap<>();
        for (CustomFieldDefinition d : customFields) {
            if (f.put(d.id(), d) != null) {
                throw new SyncException("Custom field id " + d.id() + " is defined twice");
            }
        }
        if (f.isEmpty()) {
            throw new SyncException("An item metadata schema needs custom fields: at least an identity field and a version field");
        }
        this.fields = Collections.unmodifiableMap(new TreeMap<>(f));
        for (int id : identity.fieldIds()) {
            if (!fields.containsKey(id)) {
                throw new SyncException("The identity rule names custom field " + id + ", which is not defined (defined: " + fields.keySet() + ")");
            }
        }
        for (int id : localFields) {
            if (!fields.containsKey(id)) {
                throw new SyncException("Local field " + id + " is not defined (defined: " + fields.keySet() + ")");
            }
            if (identity.fieldIds().contains(id)) {
                throw new SyncException("Custom field " + id + " is both an identity field and a local field");
            }
        }
        if (new java.util.HashSet<>(localFields).size() != localFields.size()) {
            throw new SyncException("Local fields " + localFields + " name a field twice");
        }
        List<ChangeUnitVersionDefinition> u;
        if (changeUnitVersions.isEmpty()) {
            List<Integer> versionFields = new ArrayList<>();
            for (int id : fields.keySet()) {
                if (!identity.fieldIds().contains(id) && !localFields.contains(id)) {
                    versionFields.add(id);
                }
            }
            if (versionFields.isEmpty()) {
                throw new SyncException("Every custom field " + fields.keySet() + " is an identity field, so nothing versions the item;"
                        + " add a version field (a hash or a timestamp of the item's data)");
            }
            u = List.of(new ChangeUnitVersionDefinition(0, versionFields));
        } else {
            ChangeUnitVersionDefinition[] byUnit = new ChangeUnitVersionDefinition[changeUnitVersions.size()];
            for (ChangeUnitVersionDefinition d : changeUnitVersions) {
                if (d.changeUnit() >= byUnit.length) {
                    throw new SyncException("Change unit " + d.changeUnit() + " is out of range: with " + byUnit.length
                            + " change-unit definitions the units must be numbered 0.." + (byUnit.length - 1));
                }
                if (byUnit[d.changeUnit()] != null) {
                    throw new SyncException("Change unit " + d.changeUnit() + " is defined twice");
                }
                byUnit[d.changeUnit()] = d;
            }
            u = List.of(byUnit);
        }
        this.units = u;
        for (ChangeUnitVersionDefinition d : units) {
            for (int id : d.fieldIds()) {
                if (!fields.containsKey(id)) {
                    throw new SyncException("Change unit " + d.changeUnit() + " is versioned by custom field " + id
                            + ", which is not defined (defined: " + fields.keySet() + ")");
                }
                if (identity.fieldIds().contains(id)) {
                    throw new SyncException("Custom field " + id + " is both an identity field and a version field of change unit "
                            + d.changeUnit() + "; an identity never changes, so it cannot version anything");
                }
                if (localFields.contains(id)) {
                    throw new SyncException("Custom field " + id + " is both a local field and a version field of change unit "
                            + d.changeUnit() + "; a local field versions nothing");
                }
                Integer other = unitOfField.put(id, d.changeUnit());
                if (other != null) {
                    throw new SyncException("Custom field " + id + " versions both change unit " + other + " and change unit "
                            + d.changeUnit() + "; give each unit its own version fields");
                }
            }
        }
        for (int id : fields.keySet()) {
            if (!identity.fieldIds().contains(id) && !unitOfField.containsKey(id) && !localFields.contains(id)) {
                throw new SyncException("Custom field " + id + " is neither an identity field nor a version field of any change unit"
                        + " (nor a declared local field)");
            }
        }
    }

    public List<CustomFieldDefinition> customFields() {
        return List.copyOf(fields.values());
    }

    public IdentityRule identityRule() {
        return identity;
    }

    /** The change units and their version fields, unit 0 first (one synthesized unit when none were given). */
    public List<ChangeUnitVersionDefinition> changeUnitVersionDefinitions() {
        return units;
    }

    /** The local fields: stored and reported, versioning nothing. */
    public List<Integer> localFieldIds() {
        return localFields;
    }

    /** How many change units an item has: the length of its data array. */
    public int changeUnitCount() {
        return units.size();
    }

    /** The item id of the item with these identity field values (other fields are ignored). */
    public ItemId itemId(ItemFields identityValues) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Integer> ids = identity.fieldIds();
        for (int i = 0; i < ids.size(); i++) {
            int id = ids.get(i);
            Object v = identityValues.raw(id);
            if (v == null) {
                throw new SyncException("Identity field " + id + " is missing or null in " + identityValues + "; every identity field needs a value");
            }
            checkType(id, v, "identity");
            boolean last = i == ids.size() - 1;
            if (v instanceof Boolean b) {
                out.write(b ? 1 : 0);
            } else if (v instanceof Integer n) {
                writeLong(out, (n ^ Integer.MIN_VALUE) & 0xFFFF_FFFFL, 4);
            } else if (v instanceof Long n) {
                writeLong(out, n ^ Long.MIN_VALUE, 8);
            } else if (v instanceof UUID uuid) {
                writeLong(out, uuid.getMostSignificantBits(), 8);
                writeLong(out, uuid.getLeastSignificantBits(), 8);
            } else if (v instanceof String s) {
                writeVariable(out, utf8(id, s), last);
            } else {
                writeVariable(out, (byte[]) v, last);
            }
        }
        return ItemId.wrap(out.toByteArray());
    }

    /** The identity field values an item id encodes; a clear error when the id is not one of this schema's. */
    public ItemFields identity(ItemId itemId) {
        byte[] b = itemId.toBytes();
        Map<Integer, Object> values = new TreeMap<>();
        int[] pos = {0};
        List<Integer> ids = identity.fieldIds();
        for (int i = 0; i < ids.size(); i++) {
            int id = ids.get(i);
            boolean last = i == ids.size() - 1;
            Class<?> t = fields.get(id).type();
            Object v;
            if (t == Boolean.class) {
                int x = (int) readLong(b, pos, 1, itemId);
                if (x > 1) {
                    throw notOurs(itemId, "byte " + x + " is not a boolean");
                }
                v = x == 1;
            } else if (t == Integer.class) {
                v = (int) readLong(b, pos, 4, itemId) ^ Integer.MIN_VALUE;
            } else if (t == Long.class) {
                v = readLong(b, pos, 8, itemId) ^ Long.MIN_VALUE;
            } else if (t == UUID.class) {
                v = new UUID(readLong(b, pos, 8, itemId), readLong(b, pos, 8, itemId));
            } else {
                byte[] raw = readVariable(b, pos, last, itemId);
                if (t == String.class) {
                    try {
                        v = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                                .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(raw)).toString();
                    } catch (CharacterCodingException e) {
                        throw notOurs(itemId, "field " + id + " is not valid UTF-8");
                    }
                } else {
                    v = raw;
                }
            }
            values.put(id, v);
        }
        if (pos[0] != b.length) {
            throw notOurs(itemId, (b.length - pos[0]) + " bytes left over after the identity fields");
        }
        return ItemFields.of(values);
    }

    // ---- package-private helpers for the providers ----

    /** The version field ids of change unit {@code unit}. */
    List<Integer> versionFields(int unit) {
        return units.get(unit).fieldIds();
    }

    /**
     * Checks what an item store reported: only defined fields, of their declared types, every identity
     * field non-null and, when {@code requireVersions}, every version field present (possibly null).
     */
    void check(ItemFields reported, boolean requireVersions, String context) {
        for (int id : reported.fieldIds()) {
            if (!fields.containsKey(id)) {
                throw new SyncException(context + ": custom field " + id + " is not defined in the schema (defined: " + fields.keySet()
                        + ") in " + reported);
            }
            Object v = reported.raw(id);
            if (v != null) {
                checkType(id, v, context);
            }
        }
        for (int id : identity.fieldIds()) {
            if (reported.raw(id) == null) {
                throw new SyncException(context + ": identity field " + id + " is missing or null in " + reported);
            }
        }
        if (requireVersions) {
            for (int id : unitOfField.keySet()) {
                if (!reported.contains(id)) {
                    throw new SyncException(context + ": version field " + id + " (change unit " + unitOfField.get(id) + ") is missing in "
                            + reported + "; report every version field (null is allowed)");
                }
            }
        }
    }

    /** The custom fields to store for a live item: its identity and version fields. */
    Map<Integer, Object> storedFields(ItemFields reported) {
        Map<Integer, Object> m = new TreeMap<>();
        for (int id : fields.keySet()) {
            if (reported.contains(id)) {
                m.put(id, reported.get(id));
            }
        }
        return m;
    }

    /** The identity fields only, as stored for a tombstone. */
    Map<Integer, Object> identityFields(ItemFields reported) {
        Map<Integer, Object> m = new TreeMap<>();
        for (int id : identity.fieldIds()) {
            m.put(id, reported.get(id));
        }
        return m;
    }

    /** True when a local field the report carries differs from the stored one. */
    boolean localFieldsChanged(Map<Integer, Object> stored, ItemFields reported) {
        for (int id : localFields) {
            if (reported.contains(id) && (!stored.containsKey(id) || !ItemFields.sameValue(stored.get(id), reported.raw(id)))) {
                return true;
            }
        }
        return false;
    }

    /** True when a version field of {@code unit} differs between the stored custom fields and a report. */
    boolean unitChanged(int unit, Map<Integer, Object> stored, ItemFields reported) {
        for (int id : units.get(unit).fieldIds()) {
            if (!stored.containsKey(id) || !ItemFields.sameValue(stored.get(id), reported.raw(id))) {
                return true;
            }
        }
        return false;
    }

    private void checkType(int id, Object v, String context) {
        Class<?> t = fields.get(id).type();
        if (!t.isInstance(v)) {
            throw new SyncException(context + ": custom field " + id + " is declared " + t.getSimpleName() + " but holds a "
                    + v.getClass().getSimpleName() + " (" + v + ")");
        }
    }

    private static byte[] utf8(int id, String s) {
        try {
            ByteBuffer bb = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(s));
            byte[] b = new byte[bb.remaining()];
            bb.get(b);
            return b;
        } catch (CharacterCodingException e) {
            // An unpaired surrogate would be replaced by '?', and two identities would share one id.
            throw new SyncException("Identity field " + id + " is not valid Unicode (an unpaired surrogate?): " + s);
        }
    }

    private static void writeLong(ByteArrayOutputStream out, long v, int bytes) {
        for (int i = bytes - 1; i >= 0; i--) {
            out.write((int) (v >>> (8 * i)));
        }
    }

    private static void writeVariable(ByteArrayOutputStream out, byte[] b, boolean last) {
        if (last) {
            out.writeBytes(b);
            return;
        }
        for (byte x : b) {
            out.write(x);
            if (x == 0) {
                out.write(0xFF);
            }
        }
        out.write(0);
        out.write(1);
    }

    private SyncException notOurs(ItemId id, String why) {
        return new SyncException("Item id " + id + " is not an identity of this schema (identity fields " + identity.fieldIds() + "): " + why
                + "; items synced with a simple provider must have ids made by ItemMetadataSchema.itemId");
    }

    private long readLong(byte[] b, int[] pos, int bytes, ItemId id) {
        if (pos[0] + bytes > b.length) {
            throw notOurs(id, "it is too short");
        }
        long v = 0;
        for (int i = 0; i < bytes; i++) {
            v = (v << 8) | (b[pos[0]++] & 0xFF);
        }
        return v;
    }

    private byte[] readVariable(byte[] b, int[] pos, boolean last, ItemId id) {
        if (last) {
            byte[] r = java.util.Arrays.copyOfRange(b, pos[0], b.length);
            pos[0] = b.length;
            return r;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int p = pos[0];
        while (true) {
            if (p >= b.length) {
                throw notOurs(id, "a variable-length field has no terminator");
            }
            byte x = b[p++];
            if (x != 0) {
                out.write(x);
                continue;
            }
            if (p >= b.length) {
                throw notOurs(id, "a variable-length field ends inside an escape");
            }
            byte next = b[p++];
            if (next == 1) {
                break;
            }
            if (next != (byte) 0xFF) {
                throw notOurs(id, "0x00 followed by 0x" + Integer.toHexString(next & 0xFF) + " is neither an escape nor a terminator");
            }
            out.write(0);
        }
        pos[0] = p;
        return out.toByteArray();
    }

    @Override
    public String toString() {
        return "ItemMetadataSchema{fields=" + fields.values() + ", identity=" + identity.fieldIds() + ", units=" + units
                + (localFields.isEmpty() ? "" : ", local=" + localFields) + "}";
    }
}
