package dev.syncwright.dialect.sqlite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.syncwright.dialect.PortableType;
import dev.syncwright.dialect.PortableType.Kind;
import org.junit.jupiter.api.Test;

class SqliteTypesTest {
    @Test
    void textAffinityNamesForNumericAndJson() {
        assertEquals(PortableType.numeric(38, 10), SqliteTypes.portable("DECIMAL_TEXT(38,10)"));
        assertEquals(PortableType.numeric(38, 10), SqliteTypes.portable("decimal_text( 38 , 10 )"));
        assertEquals(PortableType.numeric(12, 0), SqliteTypes.portable("NUMERIC_TEXT(12)"));
        assertEquals(PortableType.numeric(null, null), SqliteTypes.portable("DECIMAL_TEXT"));
        assertEquals(PortableType.of(Kind.JSON), SqliteTypes.portable("JSON_TEXT"));
    }

    @Test
    void existingNamesUnchanged() {
        assertEquals(PortableType.numeric(10, 2), SqliteTypes.portable("NUMERIC(10,2)"));
        assertEquals(PortableType.of(Kind.BIGINT), SqliteTypes.portable("INTEGER"));
        assertEquals(PortableType.of(Kind.INTEGER), SqliteTypes.portable("INT"));
        assertEquals(PortableType.sized(Kind.VARCHAR, 20), SqliteTypes.portable("VARCHAR(20)"));
        assertEquals(PortableType.of(Kind.TIMESTAMPTZ), SqliteTypes.portable("TIMESTAMP WITH TIME ZONE"));
        assertEquals(PortableType.of(Kind.TIMESTAMP), SqliteTypes.portable("TIMESTAMP(0)"));
        assertEquals(PortableType.of(Kind.JSON), SqliteTypes.portable("JSONB"));
        assertNull(SqliteTypes.portable(""));
        assertNull(SqliteTypes.portable("POINT"));
        assertNull(SqliteTypes.portable("MY_TYPE"));
    }
}
