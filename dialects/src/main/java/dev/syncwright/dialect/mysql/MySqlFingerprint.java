package dev.syncwright.dialect.mysql;

import dev.syncwright.dialect.SqlFailure;
import dev.syncwright.dialect.TableName;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * The catalog fingerprint of tracked tables on MySQL and MariaDB (ADR 056), in one statement. Per
 * relation (each table, its tracking table and its guard table): its type and creation time (a
 * table dropped and created again, or rebuilt, gets a new one), every column with its position,
 * type, nullability and key, and every trigger on it with its event, timing and creation time
 * (triggers cannot be disabled here, only dropped and created). The rows are hashed here rather
 * than with GROUP_CONCAT, which MySQL truncates at 1,024 bytes by default. Equality lookups per
 * name, which information_schema answers without opening every table of the schema.
 */
final class MySqlFingerprint {
    private static final String RELATION = """
            SELECT 't', TABLE_NAME, CONCAT_WS(':', TABLE_TYPE, CREATE_TIME) FROM information_schema.TABLES
              WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?
            UNION ALL SELECT 'c', TABLE_NAME, CONCAT_WS(':', ORDINAL_POSITION, COLUMN_NAME, COLUMN_TYPE, IS_NULLABLE, COLUMN_KEY)
              FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?
            UNION ALL SELECT 'g', EVENT_OBJECT_TABLE, CONCAT_WS(':', TRIGGER_NAME, EVENT_MANIPULATION, ACTION_TIMING, CREATED)
              FROM information_schema.TRIGGERS WHERE EVENT_OBJECT_SCHEMA = COALESCE(?, DATABASE()) AND EVENT_OBJECT_TABLE = ?""";

    private MySqlFingerprint() {
    }

    static String of(Connection c, List<TableName> tables) {
        List<TableName> relations = new ArrayList<>();
        for (TableName t : tables) {
            relations.add(t);
            relations.add(new TableName(t.schema(), MySqlNames.derived("trk_", t.name())));
            relations.add(new TableName(t.schema(), MySqlNames.derived("g_", t.name())));
        }
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < relations.size(); i++) {
            sql.append(i == 0 ? "" : "\nUNION ALL ").append(RELATION);
        }
        sql.append("\nORDER BY 1, 2, 3");
        try (PreparedStatement ps = c.prepareStatement(sql.toString())) {
            int p = 1;
            for (TableName r : relations) {
                for (int k = 0; k < 3; k++) {
                    ps.setString(p++, r.schema());
                    ps.setString(p++, r.name());
                }
            }
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    for (int col = 1; col <= 3; col++) {
                        String v = rs.getString(col);
                        md.update((v == null ? "\u0000" : v).getBytes(StandardCharsets.UTF_8));
                        md.update((byte) 0x1f);
                    }
                    md.update((byte) 0x1e);
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (SQLException e) {
            throw new SqlFailure("Reading the catalog of", tables.toString(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
