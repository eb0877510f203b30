package dev.pplsim.differential;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;
import dev.pplsim.engine.table.DecisionTable;
import dev.pplsim.model.AccessMode;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Relation;
import dev.pplsim.model.Token;
import dev.pplsim.request.InputException;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The table materialised from the rules decides opens with the caller's token exactly as the rules do: the same
 * status, granted mask and rule ids, or the same input error. The table keeps the access check's result per
 * (token, descriptor, access asked, mode, caller's trust SID) and the protection stages' per protection key, so each
 * generated case ({@link SdGenerators#sdQuery}) is decided again with one of those parts changed (the access asked,
 * the target's protection, the relation or mode, another case's token and descriptor from this caller), which the
 * table answers by combining entries that different rule runs left; each is decided twice through the table (the
 * first may teach it). A plain seeded loop over at least 20,000 decisions.
 */
class TableVsRulesSdProperties {

    static final int EXAMPLES = 20_000;

    @Test
    void table_decisions_with_tokens_equal_the_rules() {
        Simulator sim = Simulator.builtIn();
        DecisionTable table = new DecisionTable(sim);
        SdGenerators.Rnd r = SdGenerators.Rnd.of(new Random(0x7AB1EL));
        long compared = 0, fromTable = 0, errors = 0;
        List<String> shown = new ArrayList<>();
        List<AccessQuery> seen = new ArrayList<>();
        while (compared < EXAMPLES) {
            AccessQuery q = SdGenerators.sdQuery(r);
            List<AccessQuery> variants = new ArrayList<>(List.of(q));
            variants.add(q.withDesired(SdGenerators.desired(r, q.object())));
            if (q.relation() != Relation.SELF) {
                variants.add(q.withTarget(SdGenerators.protection(r)));
                variants.add(q.withRelation(Relation.values()[r.between(0, 3)] == Relation.SELF ? Relation.NONE : Relation.PARENT));
            }
            variants.add(q.withMode(q.mode() == AccessMode.USER ? AccessMode.KERNEL : AccessMode.USER));
            if (!seen.isEmpty()) {
                // an earlier case's token and descriptor from this case's caller and target
                AccessQuery old = seen.get(r.between(0, seen.size() - 1));
                variants.add(old.withCaller(q.caller()).withTarget(old.relation() == Relation.SELF ? old.target() : q.target()));
            }
            if (seen.size() < 500) seen.add(q);
            for (AccessQuery v : variants) {
                if (v.relation() == Relation.SELF && !v.caller().equals(v.target())) continue;
                String rules = decide(sim::decide, v);
                if (rules.startsWith("error")) errors++;
                // the first time may teach the table, the second is answered from it where it covers the query
                for (int again = 0; again < 2; again++) {
                    compared++;
                    String tabled = decide(table::decide, v);
                    if (tabled.startsWith("table ")) fromTable++;
                    if (!rules.equals(tabled.replaceFirst("^table ", "")) && shown.size() < 5) {
                        shown.add(v + "\n    rules: " + rules + "\n    table: " + tabled);
                    }
                }
            }
        }
        System.out.printf("table vs rules with tokens: %d decisions compared, %d from the table, %d input errors%n",
                compared, fromTable, errors);
        if (!shown.isEmpty()) fail(shown.size() + "+ differences, first:\n" + String.join("\n", shown));
        // the table path must carry a large share, or this says little about it
        assertTrue(fromTable >= compared / 4, fromTable + " of " + compared + " from the table");
        assertTrue(errors > 0, "no input error compared");
    }

    private static String decide(java.util.function.Function<AccessQuery, Decision> how, AccessQuery q) {
        try {
            Decision d = how.apply(q);
            return (DecisionTable.shared(d.rules()) ? "table " : "") + d.status() + " " + d.grantedHex() + " " + d.rules();
        } catch (InputException e) {
            return "error " + e.getMessage();
        }
    }

    @Test
    void a_token_changes_the_key() {
        // two tokens that differ in one group decide apart: the key holds the token, not a summary of it
        Simulator sim = Simulator.builtIn();
        DecisionTable table = new DecisionTable(sim);
        Token admin = sim.security().token("admin-elevated").token(), user = sim.security().token("standard-user").token();
        AccessQuery q = AccessQuery.of(PsProtection.NONE, PsProtection.NONE, dev.pplsim.model.ObjectKind.PROCESS, 0x1F0FFF)
                .withTargetToken(sim.security().token("system").token());
        Decision a = sim.decide(q.withToken(admin)), u = sim.decide(q.withToken(user));
        assertTrue(a.status() != u.status() || a.granted() != u.granted(), "the two presets should decide apart: " + a.status() + " " + u.status());
        for (int round = 0; round < 2; round++) {
            for (Token t : List.of(admin, user)) {
                Decision engine = sim.decide(q.withToken(t)), tabled = table.decide(q.withToken(t));
                if (engine.status() != tabled.status() || engine.granted() != tabled.granted() || !engine.rules().equals(tabled.rules())) {
                    fail("round " + round + ", " + t.user() + ": rules " + engine.status() + " " + engine.grantedHex() + ", table "
                            + tabled.status() + " " + tabled.grantedHex());
                }
            }
        }
    }
}
