package dev.syncwright.samples.folders;

import dev.syncwright.files.FileAction;
import dev.syncwright.files.FolderReplica;
import dev.syncwright.files.FolderSync;
import dev.syncwright.files.FolderSyncResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Folder sync in one program: a laptop and a desktop that never meet, and a USB stick that carries
 * changes between them (the relay topology). Shows a rename that copies nothing, a concurrent edit
 * kept twice, and a preview.
 *
 * <pre>
 * java FolderSyncSample [work-dir]      default: a new temporary folder
 * </pre>
 */
public final class FolderSyncSample {
    public static void main(String[] args) throws IOException {
        Path work = args.length > 0 ? Path.of(args[0]) : Files.createTempDirectory("syncwright-folders");
        Path laptop = Files.createDirectories(work.resolve("laptop"));
        Path desktop = Files.createDirectories(work.resolve("desktop"));
        Path stick = Files.createDirectories(work.resolve("usb-stick"));

        // 1. Some work on the laptop.
        write(laptop, "notes/plan.md", "# Plan\n- write the report\n");
        write(laptop, "report.txt", "Draft 1");

        // 2. Each folder is a replica: its sync metadata lives in <folder>/.syncwright (never synced).
        try (FolderReplica l = FolderReplica.at(laptop).name("laptop").open();
                FolderReplica d = FolderReplica.at(desktop).name("desktop").open();
                FolderReplica s = FolderReplica.at(stick).name("usb").exclude("**.tmp").open()) {

            // 3. Laptop -> stick -> desktop: the stick relays; nothing is sent twice.
            report("laptop <-> stick", FolderSync.between(l, s).run());
            report("stick <-> desktop", FolderSync.between(d, s).run());

            // 4. A rename on the desktop, an edit of the same file on the laptop: they merge.
            Files.move(desktop.resolve("notes"), desktop.resolve("planning"));
            write(laptop, "notes/plan.md", "# Plan\n- write the report\n- send it\n");
            // ... and a real conflict: both edit report.txt before syncing.
            write(laptop, "report.txt", "Draft 2 (laptop)");
            write(desktop, "report.txt", "Draft 2 (desktop)");

            // 5. A preview first: what would happen, nothing written.
            FolderSyncResult preview = FolderSync.between(d, s).dryRun(true).run();
            System.out.println("preview of desktop <-> stick: " + preview.actions().size() + " actions, nothing written");

            report("desktop <-> stick", FolderSync.between(d, s).run());
            report("stick <-> laptop", FolderSync.between(l, s).run());
            report("stick <-> desktop", FolderSync.between(d, s).run());
        }

        // 6. All three hold the same files: the rename, the merged edit and both drafts.
        Map<String, String> l = files(laptop);
        System.out.println("laptop:  " + l.keySet());
        System.out.println("equal: " + (l.equals(files(desktop)) && l.equals(files(stick))));
        System.out.println("planning/plan.md: " + l.get("planning/plan.md").replace("\n", " | "));
    }

    static void report(String what, FolderSyncResult r) {
        System.out.printf("%-18s %d changes sent, %d conflicts, %d bytes copied%n", what, r.sent(), r.conflicts(), r.bytesCopied());
        for (FileAction a : r.actions()) {
            System.out.println("    " + a);
        }
    }

    static void write(Path root, String rel, String content) throws IOException {
        Path p = root.resolve(rel);
        Files.createDirectories(p.getParent());
        Files.writeString(p, content);
    }

    /** Every synced file (not the .syncwright folder) and its content. */
    static Map<String, String> files(Path root) throws IOException {
        Map<String, String> m = new TreeMap<>();
        try (Stream<Path> s = Files.walk(root)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (!rel.startsWith(".syncwright/")) {
                    m.put(rel, Files.readString(p));
                }
            }
        }
        return m;
    }

    private FolderSyncSample() {}
}
