package io.cutover.journal;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This instance's part in a run shared with other instances: the units of work it claims, each a
 * lease (scope {@code unit:<run>/<unit>}) renewed by one heartbeat for all, with the fencing token
 * that every journal row of the unit is checked against in its commit. An instance that lost a
 * unit (its heartbeat lapsed and another took the unit over) can write nothing more of it; an
 * instance that died loses its units when its heartbeat lapses, or at once to an instance on the
 * same host that sees its process gone.
 *
 * <p>On PostgreSQL a unit is claimed with {@code select ... for update skip locked}, so instances
 * claiming at the same moment pass over each other's rows instead of waiting; on SQLite, whose
 * writers take turns anyway, with a compare-and-set on the row's token.
 */
public final class Claims implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Claims.class);

    private final Journal journal;
    private final Leases leases;
    private final String runId;
    private final Claimant me;
    private final Clock clock;
    private final LeaseTerms terms;
    private final Map<String, Lease> held = new ConcurrentHashMap<>();
    private final Set<String> lost = ConcurrentHashMap.newKeySet();
    private final java.util.Queue<Takeover> takeovers = new java.util.concurrent.ConcurrentLinkedQueue<>();
    /**
     * Every unit this instance took over, by the lost holder it took it from. Several claimers of
     * this instance may take a lost instance's units one each and send their notices in either
     * order: each notice names them all, whichever lands first.
     */
    private final java.util.Map<String, java.util.Set<String>> takenFrom =
            new java.util.concurrent.ConcurrentHashMap<>();

    private final ScheduledExecutorService beat;
    private volatile boolean closed;

    private Claims(Journal journal, String runId, Claimant me, Clock clock, LeaseTerms terms) {
        this.journal = journal;
        this.leases = journal.leases();
        this.runId = runId;
        this.me = me;
        this.clock = clock;
        this.terms = terms;
        this.beat = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "cutover-claims-heartbeat");
            t.setDaemon(true);
            return t;
        });
    }

    /**
     * Joins {@code runId} as an instance limited to {@code sites} (empty: all), and from now on
     * fences each row the journal writes with the claim of its unit ({@code unitOf}): a row of a
     * unit this instance does not hold is refused with RUN_IN_PROGRESS.
     */
    public static Claims join(
            Journal journal,
            String runId,
            Claimant me,
            List<String> sites,
            Clock clock,
            LeaseTerms terms,
            Function<Entry, String> unitOf) {
        Claims c = new Claims(journal, runId, me, clock, terms);
        Instances.join(journal.jdbi(), runId, me, sites, clock.instant());
        journal.fenceEach(e -> c.fenceOf(unitOf.apply(e)));
        journal.beforeClose(c::close);
        long every = terms.heartbeat().toMillis();
        c.beat.scheduleWithFixedDelay(c::renew, every, every, TimeUnit.MILLISECONDS);
        return c;
    }

    /** The instances of a run, each with the units it holds now. */
    public static List<Instance> instances(Journal journal, String runId) {
        return Instances.of(journal.jdbi(), journal.leases(), runId);
    }

    /**
     * A unit taken over from an instance that was lost: its heartbeat lapsed, or its process is
     * gone from this host.
     *
     * @param from the lost instance's holding of the unit (who, where, its last heartbeat)
     * @param why "heartbeat expired" or "process gone"
     * @param units the unit taken, then the others the lost instance still held then
     */
    public record Takeover(Lease from, String why, List<String> units) {}

    /** The take-overs since the last call, oldest first; each is returned once. */
    public List<Takeover> takeovers() {
        List<Takeover> out = new java.util.ArrayList<>();
        for (Takeover t = takeovers.poll(); t != null; t = takeovers.poll()) {
            out.add(t);
        }
        return out;
    }

    static String prefix(String runId) {
        return "unit:" + runId + "/";
    }

    public Claimant claimant() {
        return me;
    }

    /**
     * Claims the first of {@code units} (in the order given) that no live instance holds; units
     * this instance holds already are passed over (another of its threads works on them). One
     * claim at a time per instance, so that two of its threads never both take one unit.
     */
    public Optional<String> claim(List<String> units) {
        return claim(units, unit -> true);
    }

    /**
     * As {@link #claim(List)}, taking only a unit that {@code toDo} still says is to be done, asked
     * after the units' leases are read. A unit let go of is most often done: its holder commits
     * the unit's last rows before it lets go, so a reading of the journal taken after the leases
     * sees them, and the unit is passed over instead of claimed, read and let go for nothing.
     * The leases of the first {@value #LOOK_AHEAD} units are read at once; a unit a live
     * instance holds is passed over without a claim.
     */
    public synchronized Optional<String> claim(List<String> units, Predicate<String> toDo) {
        List<String> ahead = units.stream()
                .filter(u -> !held.containsKey(u))
                .limit(LOOK_AHEAD)
                .toList();
        Map<String, Lease> rows = leases.findAll(ahead.stream().map(this::scope).toList());
        Instant now = clock.instant();
        for (String unit : ahead) {
            Optional<Lease> row = Optional.ofNullable(rows.get(scope(unit)));
            if (LeaseVerdict.decide(row, me, now, terms.term(), Presence::alive) instanceof LeaseVerdict.Refuse) {
                continue;
            }
            if (toDo.test(unit) && take(unit, row.isPresent())) {
                widenTakeovers();
                return Optional.of(unit);
            }
        }
        return Optional.empty();
    }

    /** How many units' leases one claim reads at once: the claimer takes the first free one. */
    private static final int LOOK_AHEAD = 200;

    private String scope(String unit) {
        return prefix(runId) + unit;
    }

    /** Names, in the take-overs just recorded, the other units their lost instances still hold. */
    private void widenTakeovers() {
        List<Takeover> fresh = takeovers();
        for (Takeover t : fresh) {
            java.util.Set<String> units = new java.util.LinkedHashSet<>(t.units());
            units.addAll(new java.util.TreeSet<>(takenFrom.getOrDefault(t.from().holder(), java.util.Set.of())));
            for (Lease l : leases.heldUnder(prefix(runId))) {
                if (l.holder().equals(t.from().holder())) {
                    units.add(l.scope().substring(prefix(runId).length()));
                }
            }
            takeovers.add(new Takeover(t.from(), t.why(), List.copyOf(units)));
        }
    }

    /** Whether this instance still holds {@code unit}: it has not let go, nor lost it to another. */
    public boolean holds(String unit) {
        return held.containsKey(unit);
    }

    /**
     * Whether this instance lost {@code unit} to another since it claimed it: its heartbeat found
     * so, or, asked now, the unit's lease is no longer this instance's holding (a write of it was
     * refused before the next heartbeat could tell).
     */
    public boolean lost(String unit) {
        if (lost.contains(unit)) {
            return true;
        }
        Lease mine = held.get(unit);
        if (mine == null) {
            return false;
        }
        Optional<Lease> now = leases.find(mine.scope());
        boolean gone = now.isEmpty()
                || !now.get().holder().equals(mine.holder())
                || now.get().token() != mine.token();
        if (gone && held.remove(unit, mine)) {
            lost.add(unit);
        }
        return gone;
    }

    /** Lets go of a unit (done, or left for another to take up); its next claimant takes it at once. */
    public void release(String unit) {
        Lease l = held.remove(unit);
        if (l != null) {
            leases.release(l.scope(), l.holder(), l.token(), clock.instant());
        }
    }

    /** Takes the unit's lease unless another took it first; {@code rowExists}: no row to make first. */
    private boolean take(String unit, boolean rowExists) {
        String scope = scope(unit);
        Instant now = clock.instant();
        if (!rowExists) {
            leases.ensure(scope, now);
        }
        if (!journal.dialect().equals("postgresql")) {
            // SQLite's writers take turns: a read, then a compare-and-set on the token, each on its
            // own (a read transaction that then writes would fail when another wrote in between).
            return journal.jdbi()
                    .withHandle(h -> decide(h, unit, Leases.find(h, scope).orElseThrow(), now));
        }
        return journal.jdbi().inTransaction(h -> {
            Optional<Lease> row = Leases.find(h, scope, " for update skip locked");
            // Empty: another instance is claiming this very unit now; leave it to that one.
            return row.isPresent() && decide(h, unit, row.get(), now);
        });
    }

    private boolean decide(Handle h, String unit, Lease row, Instant now) {
        LeaseVerdict verdict = LeaseVerdict.decide(Optional.of(row), me, now, terms.term(), Presence::alive);
        if (verdict instanceof LeaseVerdict.Refuse) {
            return false;
        }
        if (verdict instanceof LeaseVerdict.Renew renew) {
            held.put(unit, renew.mine());
            return true;
        }
        LeaseVerdict.Take take = (LeaseVerdict.Take) verdict;
        Lease mine = Lease.of(row.scope(), me, now, take.token());
        if (!take.why().equals("released")) {
            // Before the replace: once it commits the unit is no longer the lost holder's to find.
            takenFrom
                    .computeIfAbsent(row.holder(), k -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                    .add(unit);
        }
        if (!Leases.replace(h, row.token(), mine)) {
            return false;
        }
        if (!take.why().equals("released")) {
            LOG.info("took over unit {} from {}: {}", unit, row.who(), take.why());
            takeovers.add(new Takeover(row, take.why(), List.of(unit)));
        }
        lost.remove(unit);
        held.put(unit, mine);
        return true;
    }

    /** The holding a row of {@code unit} must still have; one that never matches when it is not held. */
    private Leases.Fence fenceOf(String unit) {
        Lease l = held.get(unit);
        return l == null
                ? new Leases.Fence(prefix(runId) + unit, me.id(), -1)
                : new Leases.Fence(l.scope(), l.holder(), l.token());
    }

    private void renew() {
        Instant now = clock.instant();
        try {
            Instances.beat(journal.jdbi(), me.id(), now);
            for (Map.Entry<String, Lease> e : held.entrySet()) {
                Lease l = e.getValue();
                if (!leases.heartbeat(l.scope(), l.holder(), l.token(), now) && held.remove(e.getKey(), l)) {
                    lost.add(e.getKey());
                    LOG.warn(
                            "lost unit {} (token {}) to another instance; nothing more of it is written from here",
                            e.getKey(),
                            l.token());
                }
            }
        } catch (RuntimeException e) {
            // A busy store misses one heartbeat; the term allows for several.
            LOG.warn("heartbeat of this instance's claims failed: {}", e.toString());
        }
    }

    /** Stops the heartbeat, lets go of every unit and leaves the run. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        beat.shutdownNow();
        try {
            beat.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        held.keySet().forEach(this::release);
        Instances.leave(journal.jdbi(), me.id(), clock.instant());
    }
}
