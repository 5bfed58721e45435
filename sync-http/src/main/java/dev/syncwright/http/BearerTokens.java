package dev.syncwright.http;

import dev.syncwright.core.SyncException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Bearer tokens from a file, one per line: {@code TOKEN NAME [SCOPE,SCOPE...]} (no scopes: every
 * scope); blank lines and lines starting with {@code #} are skipped. Only SHA-256 hashes of the
 * tokens are kept, compared in constant time; a token is never logged.
 */
public final class BearerTokens implements Authenticator {
    private record Entry(byte[] hash, Principal principal) {}

    private final List<Entry> entries;

    private BearerTokens(List<Entry> entries) {
        this.entries = List.copyOf(entries);
    }

    public static BearerTokens fromFile(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new SyncException("Cannot read the token file " + file + ": " + e.getMessage(), e);
        }
        List<Entry> entries = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] parts = line.split("\\s+");
            if (parts.length < 2 || parts.length > 3 || parts[0].length() < 16) {
                throw new SyncException("Token file " + file + ", line " + (i + 1) + ": expected 'TOKEN NAME [SCOPE,...]' with a token "
                        + "of at least 16 characters");
            }
            Set<String> scopes = parts.length == 3 ? new HashSet<>(Arrays.asList(parts[2].split(","))) : Set.of();
            entries.add(new Entry(sha256(parts[0]), new Principal(parts[1], scopes)));
        }
        if (entries.isEmpty()) {
            throw new SyncException("Token file " + file + " holds no token: every request would be refused");
        }
        return new BearerTokens(entries);
    }

    @Override
    public Optional<Principal> authenticate(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Optional.empty();
        }
        byte[] hash = sha256(authorization.substring(7).strip());
        Principal found = null;
        for (Entry e : entries) { // every entry compared, in constant time each: no timing tells which matched
            if (MessageDigest.isEqual(e.hash, hash)) {
                found = e.principal;
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new SyncException("SHA-256 is missing from this JVM", e);
        }
    }
}
