package dev.syncwright.http.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** One session per client replica per instance; sessions end by request or by idling; the log line says what a session did. */
class SessionsTest {
    static final String A = "00000000-0000-0000-0000-00000000000a";
    static final String B = "00000000-0000-0000-0000-00000000000b";

    @Test
    void aReplicaSyncsInOneSessionAtATime() {
        Sessions s = new Sessions();
        Object one = s.enter("s1", "shop", A, "alice", "p1");
        assertThat(one).isInstanceOf(Sessions.Tally.class);
        assertThat(s.enter("s1", "shop", A, "alice", "p1")).as("the same session goes on").isSameAs(one);
        assertThat(s.enter("s2", "shop", A, "alice", "p2")).as("another process").isInstanceOf(Sessions.Busy.class)
                .extracting(b -> ((Sessions.Busy) b).otherSession()).isEqualTo("s1");
        assertThat(s.enter("s3", "shop", B, "bob", "p1")).as("another replica").isInstanceOf(Sessions.Tally.class);
        assertThat(s.enter("s4", "other", A, "alice", "p1")).as("the same replica in another scope").isInstanceOf(Sessions.Tally.class);
        s.end((Sessions.Tally) one, true);
        assertThat(s.enter("s2", "shop", A, "alice", "p2")).as("after the end").isInstanceOf(Sessions.Tally.class);
        assertThat(s.enter(null, "shop", A, "alice", "p1")).as("untracked").isNull();
        assertThat(s.enter("s5", "shop", A, "alice", "p3")).as("a third process").isInstanceOf(Sessions.Busy.class);
        assertThat(s.enter("s6", "shop", A, "alice", "p2")).as("the holder's process starting again takes over")
                .isInstanceOf(Sessions.Tally.class);
    }

    @Test
    void whatASessionWasAdmittedToWriteHoldsForItsPrincipalOnly() {
        Sessions s = new Sessions();
        Sessions.Tally one = (Sessions.Tally) s.enter("s1", "shop", A, "alice", "p1");
        assertThat(one.admitted("alice", A)).isFalse();
        one.admit("alice", A);
        assertThat(one.admitted("alice", A)).isTrue();
        // a request of bob's naming alice's session (its id is the client's word) is checked again
        assertThat(one.admitted("bob", A)).isFalse();
        assertThat(one.admitted("alice", B)).isFalse();
    }

    @Test
    void anIdleSessionExpiresAndIsLoggedAsAbandoned() throws InterruptedException {
        Sessions s = new Sessions(50_000_000L);
        Sessions.Tally one = (Sessions.Tally) s.enter("s1", "shop", A, "alice", "p1");
        Thread.sleep(100);
        assertThat(s.enter("s2", "shop", A, "alice", "p2")).as("a request in flight holds its replica, however long").isInstanceOf(Sessions.Busy.class);
        s.exit(one);
        assertThat(s.enter("s2", "shop", A, "alice", "p2")).as("then the idle time").isInstanceOf(Sessions.Busy.class)
                .extracting(b -> ((Sessions.Busy) b).retryAfterSeconds()).isEqualTo(1L);
        Thread.sleep(1100); // past the idle time and the once-a-second sweep
        assertThat(s.enter("s2", "shop", A, "alice", "p2")).isInstanceOf(Sessions.Tally.class);
        assertThat(s.live()).as("s1 swept").isEqualTo(1);
        assertThat(Sessions.line(one, "abandoned")).endsWith("outcome=abandoned");
    }

    @Test
    void theLogLineSaysWhatTheSessionDid() {
        Sessions s = new Sessions();
        Sessions.Tally t = (Sessions.Tally) s.enter("s1", "shop", A, "alice", "p1");
        t.batchesUp.addAndGet(2);
        t.rowsUp.addAndGet(700);
        t.batchesDown.incrementAndGet();
        t.rowsDown.addAndGet(5);
        t.conflicts.incrementAndGet();
        t.bytesIn.addAndGet(1234);
        t.bytesOut.addAndGet(99);
        assertThat(Sessions.line(t, "ok")).startsWith("sync session=s1 scope=shop principal=alice client=" + A
                + " direction=upload+download requests=1 batches=3 rows=705 bytes_in=1234 bytes_out=99 conflicts=1 duration_ms=")
                .endsWith(" outcome=ok");
    }
}
