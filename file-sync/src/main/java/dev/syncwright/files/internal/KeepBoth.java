package dev.syncwright.files.internal;

/**
 * The resolved value of a content conflict under keep-both: {@code winner} stays at the item's
 * path, {@code loser} is written next to it as a conflict copy (a new file, which the next scan
 * picks up as a new item and sends everywhere).
 */
record KeepBoth(FileContent winner, FileContent loser) {
    @Override
    public String toString() {
        return "keep both: " + winner + " wins, " + loser + " kept as a conflict copy";
    }
}
