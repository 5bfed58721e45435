package dev.syncwright.dialect.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The fast paths agree with java.time and the UUID pattern on every shape, or step aside. */
class IsoTextTest {
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");

    @Test
    void datesAsJavaTimeReadsThem() {
        for (String s : List.of("2024-01-31", "0001-01-01", "9999-12-31", "2024-02-29", "2023-02-29", "2024-13-01", "2024-00-10",
                "2024-1-01", "20240101", "2024-01-3x", "+2024-01-01", "2024/01/01", "")) {
            LocalDate fast = IsoText.date(s);
            LocalDate slow = parseDate(s);
            if (fast != null) {
                assertThat(fast).as(s).isEqualTo(slow);
            } else {
                assertThat(slow).as("the fast path refused a date java.time reads: " + s).isNull();
            }
        }
    }

    @Test
    void dateTimesAsJavaTimeReadsThem() {
        for (String s : List.of("2024-01-31T12:34:56", "2024-01-31 12:34:56", "2024-01-31 12:34:56.1", "2024-01-31 12:34:56.123456",
                "2024-01-31T23:59:59.999999999", "2024-01-31 24:00:00", "2024-01-31 12:60:00", "2024-02-30 01:00:00", "2024-01-31 12:34",
                "2024-01-31 12:34:56.", "2024-01-31 12:34:56.1234567890", "2024-01-31X12:34:56", "2024-01-31 12:34:5a")) {
            LocalDateTime fast = IsoText.dateTime(s);
            LocalDateTime slow = parseDateTime(s.replace(' ', 'T'));
            if (fast != null) { // a refusal is always safe: the caller parses the general way
                assertThat(fast).as(s).isEqualTo(slow);
            }
        }
        // the forms the codec writes take the fast path
        assertThat(IsoText.dateTime("2024-01-31 12:34:56.123456")).isEqualTo(LocalDateTime.of(2024, 1, 31, 12, 34, 56, 123_456_000));
        assertThat(IsoText.dateTime("2024-01-31T12:34:56")).isEqualTo(LocalDateTime.of(2024, 1, 31, 12, 34, 56));
        assertThat(IsoText.date("2024-01-31")).isEqualTo(LocalDate.of(2024, 1, 31));
    }

    @Test
    void uuidsAsThePatternTellsThem() {
        String u = UUID.randomUUID().toString();
        for (String s : List.of(u, u.toUpperCase(), u.replace('-', 'x'), u.substring(1), u + "0", "g" + u.substring(1),
                "00000000-0000-0000-0000-000000000000", "0000000000000000000000000000000000")) {
            assertThat(IsoText.isUuid(s)).as(s).isEqualTo(UUID_TEXT.matcher(s).matches());
        }
    }

    private static LocalDate parseDate(String s) {
        try {
            return LocalDate.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    private static LocalDateTime parseDateTime(String s) {
        try {
            return LocalDateTime.parse(s);
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
