package dev.syncwright.jdbc.internal;

import dev.syncwright.dialect.SqlFailure;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Every row of a scope as canonical text, table by table in key order: the key's values, then each
 * change unit's value by unit index, read through the codec that sync uses, so two replicas hold the
 * same rows exactly when their snapshots are equal. Reads everything into memory: for checks and tests.
 */
public final class RowSnapshot {
    private RowSnapshot() {
    }

    public static Map<String, List<String>> of(JdbcScope scope) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        try (Connection c = scope.connect()) {
            for (TableModel t : scope.tables) {
                List<String> rows = new ArrayList<>();
                String sql = t.selectValues.replace("SELECT ", "SELECT " + String.join(", ", t.key.stream()
                        .map(k -> scope.dialect.names().quote(k.name())).toList()) + ", ");
                sql = sql.substring(0, sql.indexOf(" WHERE "));
                try (PreparedStatement p = c.prepareStatement(sql); ResultSet rs = p.executeQuery()) {
                    while (rs.next()) {
                        StringJoiner row = new StringJoiner("|");
                        int col = 1;
                        Object[] key = new Object[t.key.size()];
                        for (int i = 0; i < key.length; i++) {
                            key[i] = scope.codec.read(rs, col++, t.key.get(i).type());
                            row.add(text(key[i]));
                        }
                        for (int u = 0; u < t.units.length; u++, col++) {
                            if (t.units[u] != null) {
                                row.add(text(scope.codec.read(rs, col, t.units[u].type())));
                            }
                        }
                        rows.add(t.keys.encode(key) + "\t" + row);
                    }
                }
                rows.sort(null); // item-id order: the same on every replica, whatever each database's collation
                out.put(t.def.name().name(), rows.stream().map(r -> r.substring(r.indexOf('\t') + 1)).toList());
            }
        } catch (SQLException e) {
            throw new SqlFailure("Reading the rows of", "scope " + scope.definition.name(), e);
        }
        return out;
    }

    /** A canonical value as text: bytes in hex, decimals in plain notation, the rest as Java prints them. */
    static String text(Object v) {
        if (v instanceof byte[] b) {
            return "0x" + HexFormat.of().formatHex(b);
        }
        if (v instanceof BigDecimal d) {
            return d.toPlainString();
        }
        return String.valueOf(v);
    }
}
