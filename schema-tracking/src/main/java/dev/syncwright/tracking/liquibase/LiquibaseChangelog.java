package dev.syncwright.tracking.liquibase;

import dev.syncwright.dialect.Dialect;
import dev.syncwright.tracking.ProvisioningPlan;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A provisioning plan as a Liquibase XML changelog, so that a team can review the tracking objects
 * and apply them with its own migrations instead of letting Syncwright change the schema.
 *
 * <pre>{@code
 * Provisioner p = Provisioner.of(dataSource);
 * ProvisioningPlan plan = p.plan(SyncScope.named("sales").tables("customers", "orders").build());
 * LiquibaseChangelog.of(plan, p.dialect()).write(Path.of("db/changelog/syncwright-sales.xml"));
 * }</pre>
 *
 * <p>One changeSet for the shared sync objects (only when the plan creates them), one for the scope
 * row, one per table and, after drift, one for the re-provisioning. Ids have the form
 * {@code syncwright:<scope>:v<definition version>:<part>} with author {@code syncwright}, and the
 * changelog's {@code logicalFilePath} is {@code syncwright/<scope>.xml}, so they stay the same
 * wherever the file is kept. Each statement is its own {@code <sql splitStatements="false">}, and
 * each changeSet except the re-provisioning one has a {@code <rollback>} with the deprovisioning
 * statements. The scope row draws its replica id in the database (not the one in the plan), because
 * every database the changelog is applied to is a replica of its own.
 *
 * <p>The plan is computed against one database; apply the changelog to databases whose tables have
 * the same shape. On MySQL/MariaDB the SQL names the database it was computed against, so the
 * changelog only fits a database of that name and says so in a precondition that halts Liquibase
 * elsewhere. An empty plan (already provisioned) gives a changelog without changeSets.
 */
public final class LiquibaseChangelog {
    private final ProvisioningPlan plan;
    private final List<ChangeSetSpec> changeSets;
    private final Optional<DatabasePin> pin;
    private final String dbms;

    private LiquibaseChangelog(ProvisioningPlan plan, List<ChangeSetSpec> changeSets, Optional<DatabasePin> pin, String dbms) {
        this.plan = plan;
        this.changeSets = changeSets;
        this.pin = pin;
        this.dbms = dbms;
    }

    /**
     * @param dialect the dialect the plan was made with ({@code Provisioner.dialect()}); it supplies the
     *                rollback statements and recognises which statements belong to which table
     * @throws IllegalArgumentException for a deprovisioning plan or a plan of another dialect
     */
    public static LiquibaseChangelog of(ProvisioningPlan plan, Dialect dialect) {
        return new LiquibaseChangelog(plan, plan.isEmpty() ? List.of() : new ChangeSetGrouping(plan, dialect).changeSets(),
                DatabasePin.of(plan, dialect), dialect.liquibaseDbms());
    }

    /** Writes the changelog of {@code plan} to {@code file} (UTF-8, replacing it). */
    public static void write(ProvisioningPlan plan, Dialect dialect, Path file) {
        of(plan, dialect).write(file);
    }

    /** The changeSet ids, in order. */
    public List<String> changeSetIds() {
        return changeSets.stream().map(ChangeSetSpec::id).toList();
    }

    public String toXml() {
        return ChangelogXml.write(plan.scope(), plan.dialect(), dbms, changeSets, pin);
    }

    public void write(Writer out) throws IOException {
        out.write(toXml());
        out.flush();
    }

    /** Writes UTF-8, creating parent directories. */
    public void write(Path file) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, toXml(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the changelog to " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String toString() {
        return "LiquibaseChangelog[" + plan.scope() + ", " + plan.dialect() + ", " + changeSets.size() + " changeSets]";
    }
}
