package dev.syncwright.tracking;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Makes a replica's tables mean the same change units as another replica's definition of the scope. */
final class TemplateAlignment {
    private TemplateAlignment() {
    }

    /** The live tables in the template's order, with the template's change-unit indexes. */
    static List<TableDefinition> align(List<TableDefinition> live, ScopeDefinition template) {
        List<TableDefinition> out = new ArrayList<>();
        for (TableDefinition want : template.tables()) {
            TableDefinition have = find(live, want).orElse(null);
            if (have == null) {
                continue;
            }
            List<ColumnDefinition> columns = new ArrayList<>();
            for (ColumnDefinition c : have.columns()) {
                ColumnDefinition w = want.column(c.name()).orElseThrow(() -> new ProvisioningException("Column " + have.name()
                        + "." + c.name() + " exists here but not on the other replica of scope '" + template.name()
                        + "'; add it there first (or drop it here)"));
                if (c.keyPosition() != w.keyPosition() || (c.inPrimaryKey() && keyFamily(c) != keyFamily(w))) {
                    throw new ProvisioningException("Table " + have.name() + " has primary key column " + c.name() + " as "
                            + c.type() + " at position " + c.keyPosition() + ", the other replica as " + w.type() + " at "
                            + w.keyPosition() + "; both replicas must identify rows the same way");
                }
                columns.add(c.withChangeUnit(w.changeUnit()));
            }
            TableDefinition merged = new TableDefinition(have.name(), columns, have.foreignKeys(), have.uniqueConstraints(),
                    want.changeUnitCount());
            check(merged, template);
            out.add(merged);
        }
        for (TableDefinition t : live) {
            if (find(template.tables(), t).isEmpty()) {
                throw new ProvisioningException("Table " + t.name() + " is not part of scope '" + template.name()
                        + "' on the other replica; provision it there first");
            }
        }
        return out;
    }

    /** Refuses a table whose change units disagree with the template's. */
    static void check(TableDefinition table, ScopeDefinition template) {
        TableDefinition want = find(template.tables(), table).orElseThrow(() -> new ProvisioningException(
                "Table " + table.name() + " is not part of scope '" + template.name() + "' on the other replica"));
        for (ColumnDefinition c : table.columns()) {
            Optional<ColumnDefinition> w = want.column(c.name());
            if (w.isEmpty()) {
                throw new ProvisioningException("Column " + table.name() + "." + c.name() + " exists here but not on the other"
                        + " replica of scope '" + template.name() + "'; add it there first (or drop it here)");
            }
            if (w.get().changeUnit() != c.changeUnit() || w.get().keyPosition() != c.keyPosition()) {
                throw new ProvisioningException("Column " + table.name() + "." + c.name() + " is change unit " + c.changeUnit()
                        + " here but " + w.get().changeUnit() + " on the other replica of scope '" + template.name()
                        + "'; deprovision this replica and provision it again from the other one");
            }
        }
    }

    /** Key types that encode rows the same way (integers of any width, text of any kind). */
    private static String keyFamily(ColumnDefinition c) {
        return switch (c.type().kind()) {
            case SMALLINT, INTEGER, BIGINT -> "integer";
            case TEXT, VARCHAR, CHAR -> "text";
            default -> c.type().kind().name();
        };
    }

    private static Optional<TableDefinition> find(List<TableDefinition> tables, TableDefinition t) {
        return tables.stream().filter(x -> x.name().name().equals(t.name().name())).findFirst();
    }
}
