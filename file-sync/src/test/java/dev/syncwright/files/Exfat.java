package dev.syncwright.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;

/**
 * A real exFAT volume, as on a USB stick: case-insensitive (and case-preserving), without hard
 * links, with coarse timestamps. An image file on a loop device, mounted through FUSE
 * ({@code exfatprogs} and {@code exfat-fuse}, which {@code .ci/run} installs; needs root). Where it
 * cannot be made the test is skipped, saying why.
 */
final class Exfat implements AutoCloseable {
    final Path root;
    private final String device;

    private Exfat(Path root, String device) {
        this.root = root;
        this.device = device;
    }

    static Exfat mount(Path dir, int megabytes) throws Exception {
        Path image = dir.resolve("exfat.img");
        try (var f = new java.io.RandomAccessFile(image.toFile(), "rw")) {
            f.setLength((long) megabytes << 20);
        }
        run("mkfs.exfat", image.toString());
        String device = run("losetup", "-f", "--show", image.toString()).strip();
        Path root = Files.createDirectories(dir.resolve("exfat"));
        try {
            run("mount.exfat-fuse", device, root.toString());
        } catch (Throwable t) {
            run("losetup", "-d", device);
            throw t;
        }
        return new Exfat(root, device);
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p;
        try {
            p = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            Assumptions.abort("no exFAT volume here (" + command[0] + " is missing: apt-get install exfatprogs exfat-fuse): " + e.getMessage());
            throw e;
        }
        String out = new String(p.getInputStream().readAllBytes());
        Assumptions.assumeTrue(p.waitFor() == 0, () -> "no exFAT volume here (" + String.join(" ", List.of(command)) + ": " + out.strip() + ")");
        return out;
    }

    @Override
    public void close() throws IOException {
        try {
            new ProcessBuilder("umount", root.toString()).inheritIO().start().waitFor();
            new ProcessBuilder("losetup", "-d", device).inheritIO().start().waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while unmounting " + root, e);
        }
    }
}
