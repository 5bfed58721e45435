package dev.syncwright.files;

import java.time.Duration;
import java.util.List;

/**
 * What a {@link FolderSync} did (or, for a dry run, would do): the file actions on both replicas,
 * the changes the sessions sent and applied, the conflicts met, how many bytes were copied, and how
 * many sync passes ran (a pass that made conflict copies or clash renames is followed by another,
 * so those reach the other side in the same call).
 */
public record FolderSyncResult(List<FileAction> actions, long sent, long applied, long conflicts, long deferred, long bytesCopied,
        int passes, Duration duration, boolean dryRun) {
    public FolderSyncResult {
        actions = List.copyOf(actions);
    }

    public long count(FileAction.Kind kind) {
        return actions.stream().filter(a -> a.kind() == kind).count();
    }
}
