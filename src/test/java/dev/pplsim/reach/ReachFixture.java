package dev.pplsim.reach;

import dev.pplsim.engine.Simulator;
import dev.pplsim.jobs.Reach;
import dev.pplsim.model.PsProtection;
import dev.pplsim.model.Token;
import dev.pplsim.policy.ReachPolicy;
import dev.pplsim.policy.SecurityPolicy;
import dev.pplsim.policy.SystemCatalog;
import dev.pplsim.reference.ReferenceReach;
import dev.pplsim.request.TokenSpelling;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;

/** The job's reach and the reference's brute force over the same catalog, as maps of place to shortest length. */
final class ReachFixture {

    private ReachFixture() {
    }

    static final Simulator SIM = Simulator.builtIn();
    static final ReachPolicy POLICY = ReachPolicy.load(SIM.policies().root());
    private static final SecurityPolicy SECURITY = SIM.security();
    private static final Map<String, Token> TOKENS = new HashMap<>();

    /** A preset's token at a protection; cached, since the brute force asks for the same few again and again. */
    static final BiFunction<String, Integer, Token> TOKEN = (preset, protection) -> TOKENS.computeIfAbsent(preset + "@" + protection,
            k -> TokenSpelling.preset(SECURITY, preset, new PsProtection(protection), preset + " token"));

    /** The job's places where code runs, with their distances. */
    static Map<String, Integer> job(SystemCatalog s, String build, SystemCatalog.Process start, int maxSteps) {
        Reach.Result r = Reach.run(SIM, s, build, start, POLICY, maxSteps);
        Map<String, Integer> out = new HashMap<>();
        for (Reach.Node n : r.reached()) out.put(n.id(), r.distance().get(n.id()));
        return out;
    }

    static List<ReferenceReach.Proc> procs(SystemCatalog s) {
        return s.processes().stream().map(p -> new ReferenceReach.Proc(p.pid(), p.parent(), p.protectionByte().value(), p.token(), p.processKind(),
                p.threads(), p.sd())).toList();
    }

    static Map<String, Integer> reference(SystemCatalog s, String build, SystemCatalog.Process start, int maxLength) {
        return ReferenceReach.reach(procs(s), start.pid(), build, maxLength, TOKEN);
    }
}
