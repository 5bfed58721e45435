package dev.syncwright.samples.service;

import dev.syncwright.core.SyncResult;
import dev.syncwright.spring.SyncService;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code POST /sync} syncs the replica now; it is also synced every {@code inventory.sync-interval}. */
@RestController
public class SyncController {
    private static final Logger LOG = LoggerFactory.getLogger(SyncController.class);

    private final SyncService sync;
    private final JdbcTemplate jdbc;

    public SyncController(SyncService sync, JdbcTemplate jdbc) {
        this.sync = sync;
        this.jdbc = jdbc;
    }

    /** What a sync did, as JSON. */
    public record SyncSummary(long uploaded, long downloaded, long conflicts, long deferred, long millis) {
        static SyncSummary of(SyncResult r) {
            return new SyncSummary(r.upload().applied(), r.download().applied(),
                    r.totalConflicts(), sync(r), r.duration().toMillis());
        }

        private static long sync(SyncResult r) {
            return r.upload().deferred() + r.download().deferred();
        }
    }

    @PostMapping("/sync")
    public SyncSummary syncNow() {
        return SyncSummary.of(sync.sync());
    }

    @Scheduled(fixedDelayString = "${inventory.sync-interval}", initialDelayString = "${inventory.sync-interval}")
    public void scheduledSync() {
        SyncSummary s = SyncSummary.of(sync.sync());
        LOG.info("scheduled sync: {}", s);
    }

    @GetMapping("/products")
    public List<Map<String, Object>> products() {
        return jdbc.queryForList("SELECT id, name, price, stock FROM products ORDER BY id");
    }
}
