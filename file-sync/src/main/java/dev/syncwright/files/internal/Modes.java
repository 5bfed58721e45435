package dev.syncwright.files.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.EnumSet;
import java.util.Set;

/**
 * The executable bit of a file travels with its content (ADR 050, "Executable files"), as git keeps
 * it: a file is executable or not, and an executable copy gets the execute permission wherever it
 * has the read permission (rw-r--r-- becomes rwxr-xr-x). Only on volumes that keep permissions:
 * a USB stick's FAT or exFAT reports every file alike, so a file from there says nothing
 * ({@code null}) and a write keeps the bit of the file it replaces.
 */
public final class Modes {
    private Modes() {}

    /** True when the volume of {@code dir} keeps a file's execute permission as set (probed with a file made there). */
    public static boolean keptIn(Path dir) {
        Path probe = dir.resolve("mode-probe");
        try {
            Files.writeString(probe, "");
            Files.setPosixFilePermissions(probe, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                    PosixFilePermission.OWNER_EXECUTE));
            boolean set = Files.getPosixFilePermissions(probe).contains(PosixFilePermission.OWNER_EXECUTE);
            Files.setPosixFilePermissions(probe, EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
            return set && !Files.getPosixFilePermissions(probe).contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return false; // no POSIX permissions here, or they cannot be set: not kept
        } finally {
            try {
                Files.deleteIfExists(probe);
            } catch (IOException e) {
                // a probe left behind is harmless; the next open writes it again
            }
        }
    }

    /** Whether {@code file} is executable (its owner may execute it), or null when it cannot be read. */
    static Boolean executable(Path file) {
        try {
            return Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
        } catch (IOException | UnsupportedOperationException e) {
            return null;
        }
    }

    /**
     * Gives {@code tmp}, a copy about to replace {@code target}, the executable bit {@code executable}
     * (null: the bit {@code target} has now, if any). A copy is made without execute permissions, so
     * only an executable one costs anything.
     */
    static void apply(Path tmp, Boolean executable, Path target) throws IOException {
        Boolean wanted = executable != null ? executable : executable(target);
        if (wanted == null || !wanted) {
            return;
        }
        Set<PosixFilePermission> p = Files.getPosixFilePermissions(tmp);
        Set<PosixFilePermission> x = EnumSet.noneOf(PosixFilePermission.class);
        x.addAll(p);
        addIf(x, PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE);
        addIf(x, PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE);
        addIf(x, PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE);
        if (!x.equals(p)) {
            Files.setPosixFilePermissions(tmp, x);
        }
    }

    private static void addIf(Set<PosixFilePermission> p, PosixFilePermission read, PosixFilePermission execute) {
        if (p.contains(read)) {
            p.add(execute);
        }
    }
}
