package dev.syncwright.core.model;

import dev.syncwright.core.ConflictKind;
import dev.syncwright.core.ItemId;
import dev.syncwright.core.ReplicaId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.List;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The reference model the convergence test checks the system against. It knows nothing of clock
 * vectors, ranges or exceptions: each replica keeps, per item and per change unit, the explicit set
 * of events it has seen. Concurrency is decided from those sets, so a wrong knowledge operation
 * in the system shows up as a disagreement.
 */
final class Oracle {
    static final int E = 0; // change-unit slot of existence; columns are 1..n

    enum St { NONE, LIVE, TOMB, FORGOTTEN }

    enum Decision { SOURCE, DESTINATION, DEFER }

    static final class Ev {
        final int id;
        ReplicaId replica;
        long tick;

        Ev(int id, ReplicaId replica, long tick) {
            this.id = id;
            this.replica = replica;
            this.tick = tick;
        }

        boolean greaterThan(Ev o) {
            int c = replica.compareTo(o.replica);
            return c != 0 ? c > 0 : tick > o.tick;
        }

        @Override
        public String toString() {
            return "e" + id + "(" + (replica == null ? "?" : replica.toString().substring(0, 4)) + "," + tick + ")";
        }
    }

    static final class Item {
        St st = St.NONE;
        Ev e;
        Ev[] col;
        Object[] val;
        final BitSet[] known;

        Item(int columns) {
            known = new BitSet[columns + 1];
            for (int i = 0; i < known.length; i++) {
                known[i] = new BitSet();
            }
            col = new Ev[columns];
            val = new Object[columns];
        }

        boolean knows(int slot, Ev ev) {
            return known[slot].get(ev.id);
        }

        void learnOwn(Ev ev) {
            for (BitSet b : known) {
                b.set(ev.id);
            }
        }

        @Override
        public String toString() {
            return st + " e=" + e + " col=" + Arrays.toString(col) + " val=" + Arrays.toString(val);
        }
    }

    record Expected(ItemId id, ConflictKind kind, int[] units) {
        @Override
        public String toString() {
            return id + ":" + kind + (kind == ConflictKind.UPDATE_UPDATE ? Arrays.toString(units) : "");
        }
    }

    final int columns;
    final List<Ev> events = new ArrayList<>();
    final List<TreeMap<ItemId, Item>> replicas = new ArrayList<>();
    /** Events minted in the session being modelled, per item: the slots they went to (for labelling). */
    final List<Object[]> mintedThisSession = new ArrayList<>();

    Oracle(int replicaCount, int columns) {
        this.columns = columns;
        for (int i = 0; i < replicaCount; i++) {
            replicas.add(new TreeMap<>());
        }
    }

    Item item(int r, ItemId id) {
        return replicas.get(r).computeIfAbsent(id, k -> new Item(columns));
    }

    Ev newEvent(ReplicaId rep, long tick) {
        Ev e = new Ev(events.size(), rep, tick);
        events.add(e);
        return e;
    }

    // ---- local operations ----

    Ev insert(int r, ItemId id, Object[] values) {
        Item it = item(r, id);
        Ev e = newEvent(null, -1);
        it.st = St.LIVE;
        it.e = e;
        Arrays.fill(it.col, e);
        it.val = values.clone();
        it.learnOwn(e);
        return e;
    }

    Ev update(int r, ItemId id, int column, Object value) {
        Item it = item(r, id);
        Ev e = newEvent(null, -1);
        it.col[column] = e;
        it.val[column] = value;
        it.learnOwn(e);
        return e;
    }

    Ev delete(int r, ItemId id) {
        Item it = item(r, id);
        Ev e = newEvent(null, -1);
        it.st = St.TOMB;
        it.e = e;
        it.val = new Object[columns];
        it.learnOwn(e);
        return e;
    }

    // ---- one item of a one-way session S -> D ----

    /** What S must send of this item to D: something of S's stored state D does not know. */
    static boolean shouldSend(Item s, Item d) {
        if (s.st == St.TOMB) {
            return !d.knows(E, s.e);
        }
        if (s.st == St.LIVE) {
            if (!d.knows(E, s.e)) {
                return true;
            }
            for (int u = 0; u < s.col.length; u++) {
                if (!d.knows(u + 1, s.col[u])) {
                    return true;
                }
            }
        }
        return false;
    }

    static boolean allKnownBy(Item d, Item s) {
        if (!s.knows(E, d.e)) {
            return false;
        }
        for (int u = 0; u < d.col.length; u++) {
            if (!s.knows(u + 1, d.col[u])) {
                return false;
            }
        }
        return true;
    }

    /** Result of modelling one item: the expected conflict (or null) and which slots are deferred. */
    static final class Outcome {
        Expected conflict;
        boolean deferItem;
        final List<Integer> deferredUnits = new ArrayList<>();
    }

    /**
     * {@code forgottenCovered}: the system's own (conservative) judgement that the destination cannot
     * have forgotten a state of this item newer than what the source knows; without it, a tombstone
     * stored over a forgotten record gets a fresh version.
     */
    Outcome apply(int dst, ItemId id, Item s, Item d, Decision decision, boolean sent, boolean fullEnumeration, ReplicaId dstId,
            boolean forgottenCovered) {
        Outcome o = new Outcome();
        if (sent) {
            if (s.st == St.TOMB) {
                applyTombstone(id, s, d, decision, o, dstId, forgottenCovered);
            } else {
                applyLive(id, s, d, decision, o, dstId);
            }
        } else if (fullEnumeration && (s.st == St.NONE || s.st == St.FORGOTTEN) && d.st == St.TOMB) {
            if (s.knows(E, d.e)) {
                d.st = St.FORGOTTEN;
            }
        } else if (fullEnumeration && (s.st == St.NONE || s.st == St.FORGOTTEN) && d.st == St.LIVE) {
            if (allKnownBy(d, s)) {
                d.st = St.FORGOTTEN;
                d.val = new Object[columns];
            } else if (s.knows(E, d.e)) {
                o.conflict = new Expected(id, ConflictKind.UPDATE_DELETE, null);
                resolveExistence(id, s, d, decision, true, o, dstId);
            }
        }
        if (!o.deferItem) {
            for (int k = 0; k <= columns; k++) {
                if (!o.deferredUnits.contains(k)) {
                    d.known[k].or(s.known[k]);
                }
            }
        }
        return o;
    }

    private void applyTombstone(ItemId id, Item s, Item d, Decision decision, Outcome o, ReplicaId dstId, boolean forgottenCovered) {
        switch (d.st) {
            case NONE, FORGOTTEN -> setTomb(d, forgottenCovered ? s.e : mint(id, d, dstId, "tomb"));
            case TOMB -> {
                if (s.knows(E, d.e)) {
                    setTomb(d, s.e);
                } else {
                    setTomb(d, mint(id, d, dstId, "tomb"));
                }
            }
            case LIVE -> {
                if (allKnownBy(d, s)) {
                    setTomb(d, s.e);
                } else {
                    o.conflict = new Expected(id, ConflictKind.UPDATE_DELETE, null);
                    resolveExistence(id, s, d, decision, true, o, dstId);
                }
            }
        }
    }

    private void applyLive(ItemId id, Item s, Item d, Decision decision, Outcome o, ReplicaId dstId) {
        boolean locallyDeleted = switch (d.st) {
            case NONE, FORGOTTEN -> d.knows(E, s.e);
            case TOMB -> !s.knows(E, d.e);
            case LIVE -> false;
        };
        if (d.st != St.LIVE) {
            if (!locallyDeleted) {
                copyLive(d, s);
            } else {
                o.conflict = new Expected(id, ConflictKind.DELETE_UPDATE, null);
                resolveExistence(id, s, d, decision, false, o, dstId);
            }
            return;
        }
        boolean insertInsert = false;
        Ev newE;
        if (s.e == d.e) {
            newE = d.e;
        } else if (s.knows(E, d.e)) {
            newE = s.e;
        } else if (d.knows(E, s.e)) {
            newE = d.e;
        } else {
            insertInsert = true;
            newE = s.e.greaterThan(d.e) ? s.e : d.e;
        }
        Ev[] col = d.col.clone();
        Object[] val = d.val.clone();
        List<Integer> conflicting = new ArrayList<>();
        for (int u = 0; u < columns; u++) {
            if (s.col[u] == d.col[u] || d.knows(u + 1, s.col[u])) {
                continue;
            }
            if (s.knows(u + 1, d.col[u])) {
                col[u] = s.col[u];
                val[u] = s.val[u];
            } else {
                conflicting.add(u);
            }
        }
        if (insertInsert || !conflicting.isEmpty()) {
            int[] units = conflicting.stream().mapToInt(Integer::intValue).toArray();
            o.conflict = new Expected(id, insertInsert ? ConflictKind.INSERT_INSERT : ConflictKind.UPDATE_UPDATE, units);
            if (decision == Decision.DEFER) {
                if (insertInsert) {
                    o.deferItem = true;
                    return;
                }
                for (int u : conflicting) {
                    o.deferredUnits.add(u + 1);
                }
            } else if (!conflicting.isEmpty()) {
                Ev m = mint(id, d, dstId, "col");
                for (int u : conflicting) {
                    col[u] = m;
                    if (decision == Decision.SOURCE) {
                        val[u] = s.val[u];
                    }
                }
            }
        }
        d.e = newE;
        d.col = col;
        d.val = val;
    }

    private void resolveExistence(ItemId id, Item s, Item d, Decision decision, boolean remoteDeletes, Outcome o, ReplicaId dstId) {
        if (decision == Decision.DEFER) {
            o.deferItem = true;
            return;
        }
        boolean deleteWins = (decision == Decision.SOURCE) == remoteDeletes;
        Ev m = mint(id, d, dstId, deleteWins ? "tomb" : "live");
        if (deleteWins) {
            setTomb(d, m);
        } else if (remoteDeletes) {
            d.e = m;
            Arrays.fill(d.col, m);
        } else {
            d.st = St.LIVE;
            d.e = m;
            Arrays.fill(d.col, m);
            d.val = s.val.clone();
        }
    }

    private Ev mint(ItemId id, Item d, ReplicaId dstId, String where) {
        Ev m = newEvent(dstId, -1);
        d.learnOwn(m);
        mintedThisSession.add(new Object[] {id, m, where});
        return m;
    }

    private void setTomb(Item d, Ev e) {
        d.st = St.TOMB;
        d.e = e;
        d.val = new Object[columns];
    }

    private void copyLive(Item d, Item s) {
        d.st = St.LIVE;
        d.e = s.e;
        d.col = s.col.clone();
        d.val = s.val.clone();
    }

    /** Live rows of a replica as the oracle sees them. */
    TreeMap<ItemId, List<Object>> data(int r) {
        TreeMap<ItemId, List<Object>> m = new TreeMap<>();
        replicas.get(r).forEach((id, it) -> {
            if (it.st == St.LIVE) {
                m.put(id, Arrays.asList(it.val.clone()));
            }
        });
        return m;
    }

    static boolean sameEvent(Ev a, Ev b) {
        return Objects.equals(a, b);
    }
}
