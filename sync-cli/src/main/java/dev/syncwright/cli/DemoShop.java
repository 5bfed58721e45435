package dev.syncwright.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import javax.sql.DataSource;

/**
 * The data of {@code syncwright demo}: the shop schema (a resource, {@code demo-shop.sql}), its rows
 * generated from a fixed seed, and the row-by-row comparison of the final check.
 */
final class DemoShop {
    static final List<String> TABLES = List.of("customers", "products", "orders", "order_lines");
    private static final int CUSTOMERS = 400;
    private static final int PRODUCTS = 120;
    private static final int ORDERS = 1200;
    private static final String[] CITIES = {"Lisbon", "Porto", "Berlin", "Lyon", "Oslo", "Turin", "Gdansk", "Leeds"};
    private static final String[] WORDS = {"Oak", "Linen", "Copper", "Slate", "Maple", "Wool", "Cedar", "Clay", "Brass", "Jute"};
    private static final String[] THINGS = {"lamp", "chair", "mug", "rug", "shelf", "vase", "stool", "clock", "tray", "basket"};

    private DemoShop() {
    }

    /** The CREATE TABLE statements of the resource, in order (comments dropped). */
    static List<String> schema() {
        try (InputStream in = DemoShop.class.getResourceAsStream("demo-shop.sql")) {
            if (in == null) {
                throw new IllegalStateException("demo-shop.sql is missing from the jar");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replaceAll("(?m)^--.*$", "");
            return Arrays.stream(text.split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read demo-shop.sql", e);
        }
    }

    /** The shop, generated from a fixed seed: every run has the same rows. */
    static int create(DataSource ds) throws SQLException {
        Random random = new Random(20240501L);
        int rows = 0;
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                for (String ddl : schema()) {
                    s.execute(ddl);
                }
            }
            String[] first = {"Ada", "Grace", "Alan", "Edsger", "Barbara", "Donald", "Frances", "Niklaus", "Radia", "Ken"};
            String[] last = {"Lovelace", "Hopper", "Turing", "Dijkstra", "Liskov", "Knuth", "Allen", "Wirth", "Perlman", "Thompson"};
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO customers VALUES (?, ?, ?, ?)")) {
                for (int i = 1; i <= CUSTOMERS; i++) {
                    String f = first[(i - 1) % first.length];
                    String l = last[((i - 1) / first.length) % last.length];
                    ps.setLong(1, i);
                    ps.setString(2, f + " " + l);
                    ps.setString(3, f.toLowerCase(Locale.ROOT) + "." + l.toLowerCase(Locale.ROOT) + i + "@example.com");
                    ps.setString(4, CITIES[random.nextInt(CITIES.length)]);
                    ps.addBatch();
                    rows++;
                }
                ps.executeBatch();
            }
            BigDecimal[] prices = new BigDecimal[PRODUCTS + 1];
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO products VALUES (?, ?, ?, ?)")) {
                for (int i = 1; i <= PRODUCTS; i++) {
                    prices[i] = BigDecimal.valueOf(199 + random.nextInt(9800), 2);
                    ps.setLong(1, i);
                    ps.setString(2, String.format(Locale.ROOT, "SKU-%05d", i));
                    ps.setString(3, WORDS[random.nextInt(WORDS.length)] + " " + THINGS[random.nextInt(THINGS.length)]);
                    ps.setBigDecimal(4, prices[i]);
                    ps.addBatch();
                    rows++;
                }
                ps.executeBatch();
            }
            String[] statuses = {"new", "paid", "shipped", "delivered"};
            LocalDate start = LocalDate.of(2024, 1, 1);
            try (PreparedStatement orders = c.prepareStatement("INSERT INTO orders VALUES (?, ?, ?, ?)");
                    PreparedStatement lines = c.prepareStatement("INSERT INTO order_lines VALUES (?, ?, ?, ?, ?)")) {
                for (int i = 1; i <= ORDERS; i++) {
                    orders.setLong(1, i);
                    orders.setLong(2, 1 + random.nextInt(CUSTOMERS));
                    orders.setObject(3, start.plusDays(random.nextInt(365)));
                    orders.setString(4, statuses[random.nextInt(statuses.length)]);
                    orders.addBatch();
                    rows++;
                    int n = 1 + random.nextInt(5);
                    for (int line = 1; line <= n; line++) {
                        int product = 1 + random.nextInt(PRODUCTS);
                        lines.setLong(1, i);
                        lines.setInt(2, line);
                        lines.setLong(3, product);
                        lines.setInt(4, 1 + random.nextInt(4));
                        lines.setBigDecimal(5, prices[product]);
                        lines.addBatch();
                        rows++;
                    }
                }
                orders.executeBatch();
                lines.executeBatch();
            }
            c.commit();
        }
        return rows;
    }

    /** Compares one table on both sides, ordered by its key; returns the number of rows compared. */
    static long compare(String table, DataSource server, DataSource client, List<String> differences)
            throws SQLException {
        List<List<String>> a = rows(server, table);
        List<List<String>> b = rows(client, table);
        int before = differences.size();
        int i = 0;
        int j = 0;
        Comparator<List<String>> byKey = Comparator.comparing((List<String> r) -> Long.parseLong(r.get(0)))
                .thenComparing(r -> table.equals("order_lines") ? Long.parseLong(r.get(1)) : 0L);
        while (i < a.size() || j < b.size()) {
            if (differences.size() - before > 20) {
                break;
            }
            if (j >= b.size() || (i < a.size() && byKey.compare(a.get(i), b.get(j)) < 0)) {
                differences.add(table + " " + a.get(i) + " is only on the server");
                i++;
            } else if (i >= a.size() || byKey.compare(a.get(i), b.get(j)) > 0) {
                differences.add(table + " " + b.get(j) + " is only on the client");
                j++;
            } else {
                if (!a.get(i).equals(b.get(j))) {
                    differences.add(table + ": server " + a.get(i) + ", client " + b.get(j));
                }
                i++;
                j++;
            }
        }
        return Math.max(a.size(), b.size());
    }

    /** The rows of a demo table with their values in one form on both databases. */
    private static List<List<String>> rows(DataSource ds, String table) throws SQLException {
        String sql = switch (table) {
            case "customers" -> "SELECT id, name, email, city FROM customers ORDER BY id";
            case "products" -> "SELECT id, sku, name, price FROM products ORDER BY id";
            case "orders" -> "SELECT id, customer_id, ordered_on, status FROM orders ORDER BY id";
            default -> "SELECT order_id, line_no, product_id, quantity, unit_price FROM order_lines ORDER BY order_id, line_no";
        };
        List<List<String>> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                List<String> row = new ArrayList<>(n);
                for (int k = 1; k <= n; k++) {
                    String label = rs.getMetaData().getColumnLabel(k).toLowerCase(Locale.ROOT);
                    String v = rs.getString(k);
                    if (v != null && (label.equals("price") || label.equals("unit_price"))) {
                        v = decimal(v);
                    } else if (v != null && label.equals("ordered_on")) {
                        v = date(v);
                    }
                    row.add(v);
                }
                out.add(row);
            }
        }
        return out;
    }

    static String decimal(String v) {
        return v == null ? null : new BigDecimal(v.strip()).setScale(2, java.math.RoundingMode.UNNECESSARY).toPlainString();
    }

    /** A date as text ({@code 2024-05-01}, maybe with a time part) or as epoch milliseconds. */
    private static String date(String v) {
        if (v.matches("-?\\d{6,}")) {
            return Instant.ofEpochMilli(Long.parseLong(v)).atOffset(ZoneOffset.UTC).toLocalDate().toString();
        }
        return v.length() > 10 ? v.substring(0, 10) : v;
    }

    static void exec(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate(sql);
        }
    }

    static String query(DataSource ds, String sql) throws SQLException {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            return rs.next() ? rs.getString(1) : null;
        }
    }

    static long count(DataSource ds, String tableAndWhere) throws SQLException {
        return Long.parseLong(query(ds, "SELECT COUNT(*) FROM " + tableAndWhere));
    }

}
