package dev.pplsim.differential;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.reference.ReferenceDecision;
import dev.pplsim.reference.SpecWorkedCases;

/**
 * The spec §9 worked cases against the engine. The cases themselves (queries, expected status and granted mask)
 * live in {@link SpecWorkedCases}, so this class and {@code ReferenceDeciderTests} run the identical set.
 */
class WorkedCasesTests extends SpecWorkedCases {

    @Override
    protected ReferenceDecision open(AccessQuery q) {
        Decision d = Simulator.builtIn().decide(q);
        return new ReferenceDecision(d.status(), d.granted());
    }
}
