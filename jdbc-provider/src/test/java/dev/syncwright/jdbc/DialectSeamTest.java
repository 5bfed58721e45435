package dev.syncwright.jdbc;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.codeUnits;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaAccess;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaCodeUnit;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import dev.syncwright.dialect.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The dialect seam (ADR 052): everything a database decides lives in its package under
 * {@code dialects}, reached through {@link Dialect}. Checked over the main classes on this module's
 * class path: sync-core, dialects, schema-tracking, jdbc-provider, test-support.
 */
class DialectSeamTest {
    static final JavaClasses MAIN = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.syncwright");

    /** String comparisons that, next to a call of Dialect.id() or family(), make a vendor switch ({@code switch} on a String calls hashCode and equals). */
    private static final Set<String> COMPARISONS = Set.of("equals", "equalsIgnoreCase", "startsWith", "endsWith", "contains",
            "hashCode", "matches", "compareTo");

    /** (a) Outside dialects, a dialect's id or family is a label for messages, never compared: ask capabilities instead. */
    @Test
    void noVendorSwitchOutsideDialects() {
        codeUnits().that().areDeclaredInClassesThat().resideOutsideOfPackages("dev.syncwright.dialect..")
                .should(new ArchCondition<JavaCodeUnit>("not compare Dialect.id() or Dialect.family() with a string") {
                    @Override
                    public void check(JavaCodeUnit method, ConditionEvents events) {
                        boolean asksVendor = method.getMethodCallsFromSelf().stream().anyMatch(c -> c.getTarget().getOwner()
                                .isAssignableTo(Dialect.class) && Set.of("id", "family").contains(c.getTarget().getName()));
                        boolean compares = method.getMethodCallsFromSelf().stream().anyMatch(c -> c.getTarget().getOwner()
                                .isEquivalentTo(String.class) && COMPARISONS.contains(c.getTarget().getName()));
                        if (asksVendor && compares) {
                            events.add(SimpleConditionEvent.violated(method, method.getFullName()
                                    + " compares a dialect's id or family; add a capability to Dialect instead"));
                        }
                    }
                }).allowEmptyShould(true).check(MAIN);
    }

    /** (a) Nothing outside dialects reaches into one database's package (dialect.postgres, .mysql, .sqlite, ...). */
    @Test
    void noDatabasePackageOutsideDialects() {
        noClasses().that().resideOutsideOfPackages("dev.syncwright.dialect..")
                .should().dependOnClassesThat(perDatabasePackage()).check(MAIN);
    }

    /** (b) An {@code internal} package is used by its own module only: {@code a.b.internal} by {@code a.b..}. */
    @Test
    void noInternalAcrossModules() {
        classes().should(new ArchCondition<JavaClass>("use no internal package of another module") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                for (JavaAccess<?> a : origin.getAccessesFromSelf()) {
                    String target = a.getTargetOwner().getPackageName();
                    int i = target.indexOf(".internal");
                    if (i > 0 && !origin.getPackageName().startsWith(target.substring(0, i))) {
                        events.add(SimpleConditionEvent.violated(origin, a.getDescription()));
                    }
                }
            }
        }).check(MAIN);
    }

    /**
     * (a) ArchUnit does not see string constants: the sources of the modules above dialects (those on
     * this class path, and the CLI, HTTP and Spring modules) name no database. Comments may (they
     * explain why); string literals may not.
     */
    @Test
    void noVendorNamesInSharedSources() throws IOException {
        Pattern vendor = Pattern.compile("\"(postgres|postgresql|mysql|mariadb|sqlite)\"|\"(42P01|42S02|23505|23000)\"",
                Pattern.CASE_INSENSITIVE);
        List<String> found;
        try (Stream<Path> files = Stream.of("src/main/java", "../schema-tracking/src/main/java", "../sync-cli/src/main/java",
                        "../sync-http/src/main/java", "../sync-spring/src/main/java").map(Path::of).filter(Files::isDirectory)
                .flatMap(DialectSeamTest::walk)) {
            found = files.filter(p -> p.toString().endsWith(".java")).flatMap(p -> lines(p).stream()
                    .filter(l -> !l.strip().startsWith("*") && !l.strip().startsWith("//") && vendor.matcher(l).find())
                    .map(l -> p + ": " + l.strip())).toList();
        }
        if (!found.isEmpty()) {
            throw new AssertionError("Vendor names outside dialects:\n" + String.join("\n", found));
        }
    }

    private static com.tngtech.archunit.base.DescribedPredicate<JavaClass> perDatabasePackage() {
        return new com.tngtech.archunit.base.DescribedPredicate<>("reside in one database's package under dev.syncwright.dialect") {
            @Override
            public boolean test(JavaClass c) {
                String p = c.getPackageName();
                return p.startsWith("dev.syncwright.dialect.") && !p.startsWith("dev.syncwright.dialect.internal");
            }
        };
    }

    private static Stream<Path> walk(Path root) {
        try {
            return Files.walk(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
