package dev.syncwright.jdbc.internal;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.UUID;

/**
 * A canonical value (as the codecs read it) as bytes, for digests (ADR 044): a type tag, then a
 * fixed-width or length-prefixed payload, so that two values have the same bytes exactly when their
 * canonical text ({@link RowSnapshot}) is the same. Cheaper than the text: no formatting, a few
 * bytes per number. One instance per reading thread; {@link #reset} starts a row.
 */
final class CanonicalBytes {
    private byte[] buf = new byte[256];
    private int size;

    void reset() {
        size = 0;
    }

    byte[] buffer() {
        return buf;
    }

    int size() {
        return size;
    }

    void add(Object v) {
        if (v == null) {
            tag('0');
        } else if (v instanceof Long x) {
            tag('L');
            putLong(x);
        } else if (v instanceof String s) {
            bytes('S', s.getBytes(StandardCharsets.UTF_8));
        } else if (v instanceof BigDecimal d) {
            tag('N');
            putLong(d.scale());
            bytes('n', d.unscaledValue().toByteArray());
        } else if (v instanceof Double d) {
            tag('D');
            putLong(Double.doubleToLongBits(d));
        } else if (v instanceof Float f) {
            tag('F');
            putLong(Float.floatToIntBits(f));
        } else if (v instanceof Boolean b) {
            tag(b ? 'T' : 'f');
        } else if (v instanceof LocalDate d) {
            tag('d');
            putLong(d.toEpochDay());
        } else if (v instanceof LocalDateTime t) {
            tag('t');
            putLong(t.toEpochSecond(ZoneOffset.UTC));
            putLong(t.getNano());
        } else if (v instanceof OffsetDateTime t) {
            tag('z');
            putLong(t.toEpochSecond());
            putLong(t.getNano());
            putLong(t.getOffset().getTotalSeconds());
        } else if (v instanceof LocalTime t) {
            tag('h');
            putLong(t.toNanoOfDay());
        } else if (v instanceof UUID u) {
            tag('U');
            putLong(u.getMostSignificantBits());
            putLong(u.getLeastSignificantBits());
        } else if (v instanceof byte[] b) {
            bytes('X', b);
        } else {
            // not a canonical class: its text, tagged apart from a String's
            bytes('?', RowSnapshot.text(v).getBytes(StandardCharsets.UTF_8));
        }
    }

    private void tag(char c) {
        ensure(1);
        buf[size++] = (byte) c;
    }

    private void bytes(char tag, byte[] b) {
        tag(tag);
        putLong(b.length);
        ensure(b.length);
        System.arraycopy(b, 0, buf, size, b.length);
        size += b.length;
    }

    private void putLong(long v) {
        ensure(8);
        for (int i = 56; i >= 0; i -= 8) {
            buf[size++] = (byte) (v >>> i);
        }
    }

    private void ensure(int n) {
        if (size + n > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + n));
        }
    }
}
