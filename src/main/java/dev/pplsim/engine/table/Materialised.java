package dev.pplsim.engine.table;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;

import dev.pplsim.engine.fact.AccessCheckResult;
import dev.pplsim.engine.fact.ImpliedRight;
import dev.pplsim.engine.fact.OpenOutcome;
import dev.pplsim.engine.fact.Veto;
import dev.pplsim.engine.Stage;
import dev.pplsim.engine.TraceStep;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.SecurityDescriptor;
import dev.pplsim.model.Sid;
import dev.pplsim.model.Token;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.ObjectKind;
import dev.pplsim.policy.Build;

import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Decisions by lookup plus bit arithmetic, materialised from the rules as they are needed. The first query of a
 * protection key (everything but the access asked and the token) runs the rules; what they derived in stages 12
 * and 40-80 (the vetoes in kernel order, the implied rights, the rules that fired) is kept for the key, and what
 * stages 10-28 granted for the access asked is kept per (build, object, desired, sdGranted), or for an open with
 * the caller's token per {@link TokenAccessKey} (token, descriptor, access asked, mode, caller's trust SID). Later
 * queries are decided as the decision stage does it: refused when the access check refused, with its status, or at
 * the first veto the granted rights touch; else granted plus the implied rights held. The decision rule's id per
 * outcome is also learned from rule runs. The rules stay the only place the logic is written, and a changed rule
 * or build gives another table because the table is made from runs of the rules; the exhaustive differential test
 * and {@code MaterialisedVsRulesSdProperties} check this path against the rules.
 *
 * <p>Keys without Pico or DisallowUserTerminate, whose bytes' signers have table rows, live in a dense array per
 * build (index: object, caller byte, target byte, mode, force, relation; one byte a key, the interned entry's
 * number); the rest, and the access entries, in bounded maps.
 */
public final class Materialised {

    private static final int MAX_ENTRIES = 100_000;

    /** What stages 12 and 40-80 derived for a protection key: the vetoes in kernel order with their statuses, the implied rights. */
    private record Entry(int[] vetoMasks, NtStatus[] vetoStatus, int[] triggers, int[] adds, List<String> modeRules, List<String> rules) {
    }

    private record SparseKey(String build, ObjectKind object, int caller, int target, int modeForce, int relation,
                             boolean callerPico, dev.pplsim.model.PicoProvider targetPico, boolean dut) {
    }

    private record AccessKey(String build, ObjectKind object, int desired, Integer sdGranted) {
    }

    /**
     * Everything the security-descriptor stage (stages 10-28) reads of an open with the caller's token: the access
     * asked, the effective mode's inputs, the caller's trust SID (stage 24 reads the caller's protection only through
     * the trust-level table, so bytes with the same SID, or none, share entries), the token, and the object's
     * descriptor as assigned (the given one mapped, or the target token's default).
     */
    private record TokenAccessKey(String build, ObjectKind object, int desired, AccessMode mode, boolean force, Sid callerTrust,
                                  Integer sdGranted, Token token, SecurityDescriptor sd) {
    }

    /**
     * What stages 10-28 gave for the access asked: the granted mask, and when the access check refused the open, the
     * status the decision stage then returned (null when it did not refuse).
     */
    private record AccessEntry(int granted, NtStatus refusal, List<String> mappingRules, List<String> rules) {
    }

    private enum Kind { ACCESS_REFUSED, VETOED, COMPLETED }

    private final Simulator simulator;
    /**
     * One build's dense entries and access caches, found with one lookup per decision. The dense index holds small
     * numbers into the interned entries (0: not learned yet), one byte a key instead of a reference, so the index a
     * run touches spans fewer pages.
     */
    private static final class Tables {
        /** Protection bytes a side: 16 per signer row, so bytes whose signer has no row take no room. */
        final int bytes;
        final byte[] dense;
        final AccessCache[] caches = {new AccessCache(), new AccessCache()};

        Tables(int rows) {
            bytes = Math.min(256, rows * 16);
            dense = new byte[2 * bytes * bytes * 2 * 2 * 4];
        }

        int index(AccessQuery q) {
            return ((((q.object().ordinal() * bytes + q.caller().value()) * bytes + q.target().value()) * 2 + q.mode().ordinal()) * 2
                    + (q.forceAccessCheck() ? 1 : 0)) * 4 + q.relation().ordinal();
        }

        boolean holds(AccessQuery q) {
            return q.caller().value() < bytes && q.target().value() < bytes && !q.callerPico() && q.targetPico() == null
                    && !q.targetDisallowUserTerminate();
        }
    }

    /**
     * The builds' tables, by name: a copy-on-write array scanned by identity first, since a run names two or three
     * builds with the same few strings; a hash map lookup was a fifth of a decision's time.
     */
    private volatile String[] tableNames = new String[0];
    private volatile Tables[] tableList = new Tables[0];

    private Tables tables(String build) {
        String[] names = tableNames;
        Tables[] list = tableList;
        int n = Math.min(names.length, list.length);
        for (int i = 0; i < n; i++) if (names[i] == build) return list[i];
        for (int i = 0; i < n; i++) if (names[i].equals(build)) return list[i];
        return null;
    }

    private synchronized Tables tablesOrNew(String build, int rows) {
        Tables t = tables(build);
        if (t != null) return t;
        t = new Tables(rows);
        int n = tableNames.length;
        Tables[] list = Arrays.copyOf(tableList, n + 1);
        list[n] = t;
        String[] names = Arrays.copyOf(tableNames, n + 1);
        names[n] = build;
        // the list first: a reader takes the shorter of the two, so it never pairs a name with a missing table
        tableList = list;
        tableNames = names;
        return t;
    }
    private final Map<SparseKey, Entry> sparse = new ConcurrentHashMap<>();
    private final Map<String, Entry> interned = new ConcurrentHashMap<>();
    /** The interned entries by number, 1 up; append-only, republished whole on each addition. */
    private volatile Entry[] entries = new Entry[1];
    private final Map<Entry, Integer> ids = new java.util.IdentityHashMap<>();

    /**
     * The entry's number in {@link #entries}, given on first sight, or 0 when the 255 numbers a byte holds are taken
     * (interned entries are few: dozens per build); an entry without a number is kept in the sparse map.
     */
    private synchronized int idOf(Entry e) {
        Integer id = ids.get(e);
        if (id != null) return id;
        if (entries.length > 255) return 0;
        Entry[] grown = Arrays.copyOf(entries, entries.length + 1);
        grown[entries.length] = e;
        int n = entries.length;
        ids.put(e, n);
        entries = grown;
        return n;
    }
    private final Map<AccessKey, AccessEntry> access = new ConcurrentHashMap<>();
    private final Map<TokenAccessKey, AccessEntry> tokenAccess = new ConcurrentHashMap<>();

    /**
     * A direct-mapped cache; each slot holds one immutable (desired, entry) pair, so a reader racing a writer sees
     * either the old pair or the new one, never one's key with the other's entry.
     */
    private static final class AccessCache {
        private static final int SIZE = 1024;

        private record Slot(int desired, AccessEntry entry) {
        }

        private final Slot[] slots = new Slot[SIZE];

        private static int slot(int d) {
            int h = d * 0x9E3779B1;
            return (h ^ (h >>> 16)) & (SIZE - 1);
        }

        AccessEntry get(int d) {
            Slot s = slots[slot(d)];
            return s != null && s.desired() == d ? s.entry() : null;
        }

        void put(int d, AccessEntry e) {
            slots[slot(d)] = new Slot(d, e);
        }
    }

    private AccessEntry accessEntry(AccessQuery q, Tables t) {
        if (q.sdGranted() == null && t != null) {
            AccessEntry e = t.caches[q.object().ordinal()].get(q.desired());
            if (e != null) return e;
        }
        AccessEntry e = access.get(new AccessKey(q.build(), q.object(), q.desired(), q.sdGranted()));
        if (e != null && q.sdGranted() == null && t != null) t.caches[q.object().ordinal()].put(q.desired(), e);
        return e;
    }
    private final String[] decisionRule = new String[Kind.values().length];

    public Materialised(Simulator simulator) {
        this.simulator = simulator;
    }

    private Entry entry(AccessQuery q, Tables t) {
        if (t != null && t.holds(q)) {
            int id = t.dense[t.index(q)] & 0xFF;
            // a racing reader may see a number before the array that holds it: a miss, and the rules decide
            Entry[] all = entries;
            if (id != 0 && id < all.length) return all[id];
        }
        return sparse.isEmpty() ? null : sparse.get(sparseKey(q));
    }

    private static SparseKey sparseKey(AccessQuery q) {
        return new SparseKey(q.build(), q.object(), q.caller().value(), q.target().value(),
                q.mode().ordinal() * 2 + (q.forceAccessCheck() ? 1 : 0), q.relation().ordinal(), q.callerPico(), q.targetPico(),
                q.targetDisallowUserTerminate());
    }

    /**
     * Whether the table can hold this query's decision: an open of a process or thread, by protection alone or with
     * the caller's token (the access check's result is then kept per {@link TokenAccessKey}). A duplicate, a debugger
     * attach and a token object go to the rules (which also make their input checks).
     */
    public static boolean covers(AccessQuery q) {
        return q.sourceAccess() == null && q.operation() == dev.pplsim.model.Operation.OPEN && q.object().hasOpenProcedure()
                && (q.token() != null || (q.sd() == null && q.targetToken() == null));
    }

    /** The same decision as {@link Simulator#decide}, without its trace (null) when decided from the table. */
    public Decision decide(AccessQuery q) {
        return decide(q, false);
    }

    /**
     * As {@link #decide(AccessQuery)}, with the rules list of a table decision shared between decisions of the same
     * outcome ({@link #shared}), for a consumer that keeps what it derives per outcome. Not the default: finding the
     * shared list costs a single decision more than making a new one (measured once each: 0.26x the reference against 0.52x).
     */
    public Decision decideSharing(AccessQuery q) {
        return decide(q, true);
    }

    private Decision decide(AccessQuery q, boolean sharing) {
        if (!covers(q)) return simulator.decide(q);
        Tables t = tables(q.build());
        Entry pe = entry(q, t);
        AccessEntry ae;
        if (q.token() == null) {
            ae = accessEntry(q, t);
        } else {
            TokenAccessKey k = tokenKey(q);
            ae = k == null ? null : tokenAccess.get(k);
        }
        if (pe == null || ae == null) return learn(q);
        int granted = ae.granted();
        Kind kind;
        NtStatus status = NtStatus.STATUS_SUCCESS;
        int out = 0;
        if (ae.refusal() != null) {
            kind = Kind.ACCESS_REFUSED;
            status = ae.refusal();
        } else {
            kind = Kind.COMPLETED;
            int[] vetoes = pe.vetoMasks();
            for (int i = 0; i < vetoes.length; i++) {
                if ((vetoes[i] & granted) != 0) {
                    kind = Kind.VETOED;
                    status = pe.vetoStatus()[i];
                    break;
                }
            }
            if (kind == Kind.COMPLETED) {
                out = granted;
                int[] triggers = pe.triggers();
                for (int i = 0; i < triggers.length; i++) {
                    if ((granted & triggers[i]) == triggers[i]) out |= pe.adds()[i];
                }
            }
        }
        String rule = decisionRule[kind.ordinal()];
        if (rule == null) return learn(q);
        return new Decision(q, status, out, sharing ? joined(ae, pe, rule) : new Joined(ae, pe, rule), null, Simulator.warnings(q));
    }

    /**
     * The rules list of an outcome, one object per (access entry, protection entry, decision rule) while it stays in
     * this cache: a batch formats each outcome's line once ({@link #shared}). Probed at a few slots from the hash, since
     * with one slot two pairs that share it replaced each other's list on every decision, and each new list is a line
     * formatted again. Slots hold immutable lists, so a racing reader sees the old one or the new one.
     */
    private final Joined[] joinedCache = new Joined[4096];
    private static final int JOINED_PROBES = 4;

    private Joined joined(AccessEntry ae, Entry pe, String rule) {
        int h = System.identityHashCode(ae) * 31 + System.identityHashCode(pe);
        int first = (h ^ (h >>> 16)) & (joinedCache.length - 1), free = -1;
        for (int k = 0; k < JOINED_PROBES; k++) {
            int slot = (first + k) & (joinedCache.length - 1);
            Joined j = joinedCache[slot];
            if (j == null) {
                if (free < 0) free = slot;
            } else if (j.access == ae && j.protection == pe && j.last.equals(rule)) {
                return j;
            }
        }
        Joined j = new Joined(ae, pe, rule, true);
        joinedCache[free >= 0 ? free : first] = j;
        return j;
    }

    /**
     * Whether a decision's rules list is one the table shares between decisions of the same outcome (same status,
     * granted rights and rules; {@link #decideSharing}): a consumer may then keep what it derives from the decision by
     * that list's identity.
     */
    public static boolean shared(List<String> rules) {
        return rules instanceof Joined j && j.shared;
    }

    /** The key of the access check's result, or null when the query cannot be decided (the rules then say why). */
    private TokenAccessKey tokenKey(AccessQuery q) {
        SecurityDescriptor sd;
        try {
            sd = simulator.descriptor(q, simulator.policies().build(q.build()));
        } catch (RuntimeException e) {
            return null;
        }
        return new TokenAccessKey(q.build(), q.object(), q.desired(), q.mode(), q.forceAccessCheck(),
                simulator.security().trustLevels().trustSid(q.caller()), q.sdGranted(), q.token(), sd);
    }

    /** The rule ids of the stages in firing order (mapping, mode, access check, protection) and the decision, as one list. */
    private static final class Joined extends AbstractList<String> {
        private final AccessEntry access;
        private final Entry protection;
        private final String last;
        private final boolean shared;

        Joined(AccessEntry access, Entry protection, String last) {
            this(access, protection, last, false);
        }

        Joined(AccessEntry access, Entry protection, String last, boolean shared) {
            this.access = access;
            this.protection = protection;
            this.last = last;
            this.shared = shared;
        }

        @Override
        public String get(int i) {
            // no list of the parts per call: a batch reads every id of every decision
            List<String> p = access.mappingRules();
            if (i < p.size()) return p.get(i);
            i -= p.size();
            p = protection.modeRules();
            if (i < p.size()) return p.get(i);
            i -= p.size();
            p = access.rules();
            if (i < p.size()) return p.get(i);
            i -= p.size();
            p = protection.rules();
            if (i < p.size()) return p.get(i);
            if (i == p.size()) return last;
            throw new IndexOutOfBoundsException(i);
        }

        @Override
        public int size() {
            return access.mappingRules().size() + protection.modeRules().size() + access.rules().size() + protection.rules().size() + 1;
        }
    }

    /** Runs the rules for this query and keeps what they derived. */
    private Decision learn(AccessQuery q) {
        Decision d = simulator.decide(q);
        Build build = simulator.policies().build(q.build());
        List<String> mappingRules = new ArrayList<>(), modeRules = new ArrayList<>(), accessRules = new ArrayList<>(), protectionRules = new ArrayList<>();
        List<Veto> vetoes = new ArrayList<>();
        List<ImpliedRight> implied = new ArrayList<>();
        Integer granted = null;
        boolean refused = false;
        NtStatus refusal = null;
        for (TraceStep s : d.trace().steps()) {
            int stage = s.stage().number();
            // the mode stage depends on the key (mode, force), the mapping and access stages on the access asked
            if (stage == Stage.GENERIC_MAPPING.number()) mappingRules.add(s.ruleId());
            else if (stage == Stage.ACCESS_MODE.number()) modeRules.add(s.ruleId());
            else if (stage <= Stage.ACCESS_CHECK_RESULT.number()) accessRules.add(s.ruleId());
            else if (stage < Stage.DECISION.number()) protectionRules.add(s.ruleId());
            for (Object o : s.derived()) {
                if (o instanceof AccessCheckResult r) {
                    granted = r.granted();
                    refused = r.refused();
                }
                if (o instanceof Veto v) vetoes.add(v);
                if (o instanceof ImpliedRight r) implied.add(r);
                if (o instanceof OpenOutcome outcome) {
                    // a refused access check decides the open (stage 90), with the status that stage gave
                    if (refused) refusal = outcome.status();
                    Kind kind = refused ? Kind.ACCESS_REFUSED : outcome.status().isSuccess() ? Kind.COMPLETED : Kind.VETOED;
                    synchronized (decisionRule) {
                        if (decisionRule[kind.ordinal()] == null) decisionRule[kind.ordinal()] = s.ruleId();
                    }
                }
            }
        }
        if (granted == null) return d;
        // vetoes in the kernel's order, as the decision stage reads them
        vetoes.sort(Comparator.comparingInt(Veto::order));
        Entry fresh = new Entry(vetoes.stream().mapToInt(Veto::mask).toArray(), vetoes.stream().map(Veto::status).toArray(NtStatus[]::new),
                implied.stream().mapToInt(ImpliedRight::trigger).toArray(),
                implied.stream().mapToInt(ImpliedRight::adds).toArray(), List.copyOf(modeRules), List.copyOf(protectionRules));
        // keys with the same derived vetoes, implied rights and rules share one entry: a few dozen objects that stay in
        // cache, where one per key would be spread over megabytes
        Entry entry = interned.computeIfAbsent(Arrays.toString(fresh.vetoMasks()) + Arrays.toString(fresh.vetoStatus()) + Arrays.toString(fresh.triggers())
                + Arrays.toString(fresh.adds()) + fresh.modeRules() + fresh.rules(), k -> fresh);
        Tables t = tablesOrNew(q.build(), build.table().size());
        int id = t.holds(q) ? idOf(entry) : 0;
        if (id != 0) {
            t.dense[t.index(q)] = (byte) id;
        } else {
            if (sparse.size() >= MAX_ENTRIES) sparse.clear();
            sparse.put(sparseKey(q), entry);
        }
        AccessEntry ae = new AccessEntry(granted, refusal, List.copyOf(mappingRules), List.copyOf(accessRules));
        if (q.token() == null) {
            if (access.size() >= MAX_ENTRIES) access.clear();
            access.put(new AccessKey(q.build(), q.object(), q.desired(), q.sdGranted()), ae);
        } else {
            TokenAccessKey k = tokenKey(q);
            if (k != null) {
                if (tokenAccess.size() >= MAX_ENTRIES) tokenAccess.clear();
                tokenAccess.put(k, ae);
            }
        }
        return d;
    }
}
