package dev.syncwright.tracking;

import dev.syncwright.dialect.ColumnDefinition;
import dev.syncwright.dialect.SchemaReader;
import dev.syncwright.dialect.TableDefinition;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Makes a replica's tables mean the same change units as another replica's definition of the scope. */
final class TemplateAlignment {
    private TemplateAlignment() {
    }

    /**
     * The live tables in the template's order, with the template's change-unit indexes and portable
     * types (values travel in the template's types; each local column must hold them exactly, which
     * {@code schema} judges for this database). Every mismatch of every table is refused at once.
     */
    static List<TableDefinition> align(List<TableDefinition> live, ScopeDefinition template, SchemaReader schema) {
        List<String> problems = new ArrayList<>();
        List<TableDefinition> out = new ArrayList<>();
        for (TableDefinition want : template.tables()) {
            TableDefinition have = find(live, want).orElse(null);
            if (have == null) {
                continue;
            }
            List<ColumnDefinition> columns = new ArrayList<>();
            for (ColumnDefinition c : have.columns()) {
                Optional<ColumnDefinition> w = want.column(c.name());
                if (w.isEmpty()) {
                    problems.add("column " + have.name() + "." + c.name() + " exists here but not on the other replica of scope '"
                            + template.name() + "'; add it there first (or drop it here)");
                    continue;
                }
                if (c.keyPosition() != w.get().keyPosition()) {
                    problems.add("table " + have.name() + " has column " + c.name() + " at primary-key position " + c.keyPosition()
                            + ", the other replica at " + w.get().keyPosition() + "; both replicas must identify rows the same way");
                    continue;
                }
                String why = schema.cannotHold(c, w.get());
                if (why != null) {
                    problems.add("column " + have.name() + "." + c.name() + " " + why);
                    continue;
                }
                columns.add(new ColumnDefinition(c.name(), c.nativeType(), w.get().type(), c.nullable(), c.keyPosition(),
                        w.get().changeUnit(), c.generated(), c.defaultValue(), w.get().allowedValues(), w.get().multipleValues()));
            }
            out.add(new TableDefinition(have.name(), columns, have.foreignKeys(), have.uniqueConstraints(), want.changeUnitCount(),
                    have.partitioned()));
        }
        for (TableDefinition t : live) {
            if (find(template.tables(), t).isEmpty()) {
                problems.add("table " + t.name() + " is not part of scope '" + template.name() + "' on the other replica; "
                        + "provision it there first");
            }
        }
        if (problems.size() == 1) {
            String p = problems.get(0);
            throw new ProvisioningException(Character.toUpperCase(p.charAt(0)) + p.substring(1));
        }
        if (!problems.isEmpty()) {
            throw new ProvisioningException("This replica's tables cannot hold scope '" + template.name() + "' exactly:\n  - "
                    + String.join("\n  - ", problems));
        }
        for (TableDefinition t : out) {
            check(t, template);
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

    private static Optional<TableDefinition> find(List<TableDefinition> tables, TableDefinition t) {
        return tables.stream().filter(x -> x.name().name().equals(t.name().name())).findFirst();
    }
}
