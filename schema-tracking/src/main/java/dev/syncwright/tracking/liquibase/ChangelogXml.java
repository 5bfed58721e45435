package dev.syncwright.tracking.liquibase;

import dev.syncwright.dialect.SqlStatement;
import java.util.List;
import java.util.Optional;

/**
 * Liquibase XML, written by hand so that the output is stable text a reviewer can diff. Every
 * statement gets its own {@code <sql>} with {@code splitStatements="false"}: Liquibase splits on
 * {@code ;} by default, which cuts trigger and function bodies apart. {@code stripComments="false"}
 * because its comment stripping does not know every dialect's quoting and could eat a {@code --}
 * inside a literal.
 */
final class ChangelogXml {
    static final String AUTHOR = "syncwright";

    private ChangelogXml() {
    }

    /** @param dbms Liquibase's names of the database ({@code Dialect.liquibaseDbms()}) */
    static String write(String scope, String dialectId, String dbms, List<ChangeSetSpec> changeSets, Optional<DatabasePin> pin) {
        StringBuilder b = new StringBuilder();
        b.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        b.append("<!-- Syncwright change tracking for scope '").append(comment(scope)).append("' (").append(dialectId)
                .append("). Generated; review it, then apply it with your migrations. -->\n");
        b.append("""
                <databaseChangeLog
                    xmlns="http://www.liquibase.org/xml/ns/dbchangelog"
                    xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
                    xsi:schemaLocation="http://www.liquibase.org/xml/ns/dbchangelog http://www.liquibase.org/xml/ns/dbchangelog/dbchangelog-latest.xsd"
                """);
        // a logical path keeps the changeSets' identity when the file is moved or included elsewhere
        b.append("    logicalFilePath=\"").append(attr("syncwright/" + scope + ".xml")).append("\">\n");
        pin.ifPresent(p -> b.append("\n  <preConditions onFail=\"HALT\" onFailMessage=\"")
                .append(attr("This changelog was generated for the database '" + p.database() + "' and names it in its SQL; "
                        + "generate it against this database instead (syncwright provision --changelog)"))
                .append("\">\n    <sqlCheck expectedResult=\"1\"><![CDATA[").append(checked(p.sqlCheck()).replace("]]>", "]]]]><![CDATA[>"))
                .append("]]></sqlCheck>\n  </preConditions>\n"));
        for (ChangeSetSpec cs : changeSets) {
            b.append("\n  <changeSet id=\"").append(attr(cs.id())).append("\" author=\"").append(AUTHOR)
                    .append("\" dbms=\"").append(dbms).append("\">\n");
            b.append("    <comment>").append(text(cs.comment())).append("</comment>\n");
            for (SqlStatement s : cs.statements()) {
                sql(b, "    ", s);
            }
            if (!cs.rollback().isEmpty()) {
                b.append("    <rollback>\n");
                for (SqlStatement s : cs.rollback()) {
                    sql(b, "      ", s);
                }
                b.append("    </rollback>\n");
            }
            b.append("  </changeSet>\n");
        }
        return b.append("</databaseChangeLog>\n").toString();
    }

    private static void sql(StringBuilder b, String indent, SqlStatement s) {
        b.append(indent).append("<sql splitStatements=\"false\" stripComments=\"false\"><!-- ")
                .append(comment(s.kind() + " " + s.object())).append(" --><![CDATA[")
                .append(checked(s.sql()).replace("]]>", "]]]]><![CDATA[>")).append("]]></sql>\n");
    }

    private static String attr(String s) {
        return text(checked(s)).replace("\"", "&quot;");
    }

    private static String text(String s) {
        return checked(s).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    /** An XML comment may not contain "--"; names in it are for the reader only. */
    private static String comment(String s) {
        String out = checked(s);
        while (out.contains("--")) {
            out = out.replace("--", "- -");
        }
        return out;
    }

    /** XML 1.0 cannot carry most control characters at all, not even in CDATA. */
    private static String checked(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0xFFFE || c == 0xFFFF) {
                throw new IllegalArgumentException("Cannot write U+" + String.format("%04X", (int) c)
                        + " into a Liquibase XML changelog: " + s.replaceAll("\\p{Cntrl}", "?"));
            }
        }
        return s;
    }
}
