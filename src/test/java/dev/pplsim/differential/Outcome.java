package dev.pplsim.differential;

import dev.pplsim.engine.Decision;
import dev.pplsim.engine.Simulator;
import dev.pplsim.model.AccessQuery;
import dev.pplsim.model.NtStatus;
import dev.pplsim.model.PicoProvider;
import dev.pplsim.reference.ReferenceDecider;
import dev.pplsim.reference.ReferenceDecision;
import dev.pplsim.reference.ReferenceInputError;
import dev.pplsim.request.InputException;

/**
 * One side's answer to a query, in a form both sides share: decided (status + granted), input error, or crash
 * (any other exception, which never agrees with anything).
 */
public record Outcome(Kind kind, NtStatus status, int granted, String detail) {

    public enum Kind { DECIDED, INPUT_ERROR, CRASH }

    /** Decide with the engine ({@code Simulator.builtIn()}). */
    public static Outcome ofEngine(AccessQuery q) {
        try {
            Decision d = Simulator.builtIn().decide(q);
            return new Outcome(Kind.DECIDED, d.status(), d.granted(), "rules " + d.rules());
        } catch (InputException e) {
            return new Outcome(Kind.INPUT_ERROR, null, 0, e.getMessage());
        } catch (RuntimeException e) {
            return new Outcome(Kind.CRASH, null, 0, e.toString());
        }
    }

    private static final dev.pplsim.engine.table.DecisionTable TABLE = new dev.pplsim.engine.table.DecisionTable(Simulator.builtIn());

    /** Decide through the table materialised from the rules (what batch uses). */
    public static Outcome ofTable(AccessQuery q) {
        try {
            Decision d = TABLE.decide(q);
            return new Outcome(Kind.DECIDED, d.status(), d.granted(), "rules " + d.rules());
        } catch (InputException e) {
            return new Outcome(Kind.INPUT_ERROR, null, 0, e.getMessage());
        } catch (RuntimeException e) {
            return new Outcome(Kind.CRASH, null, 0, e.toString());
        }
    }

    /** Decide with the plain-Java reference. */
    public static Outcome ofReference(AccessQuery q) {
        try {
            ReferenceDecision d = ReferenceDecider.decide(q);
            return new Outcome(Kind.DECIDED, d.status(), d.granted(), "");
        } catch (ReferenceInputError e) {
            return new Outcome(Kind.INPUT_ERROR, null, 0, e.getMessage());
        } catch (RuntimeException e) {
            return new Outcome(Kind.CRASH, null, 0, e.toString());
        }
    }

    /** Same status and granted mask, or both an input error. A crash agrees with nothing. */
    public boolean agreesWith(Outcome other) {
        if (kind == Kind.CRASH || other.kind == Kind.CRASH || kind != other.kind) {
            return false;
        }
        return kind == Kind.INPUT_ERROR || (status == other.status && granted == other.granted);
    }

    public boolean isDecided() { return kind == Kind.DECIDED; }

    @Override
    public String toString() {
        switch (kind) {
            case DECIDED:
                return status + " " + String.format("0x%08X", granted) + (detail.isEmpty() ? "" : " (" + detail + ")");
            case INPUT_ERROR:
                return "InputError(" + detail + ")";
            default:
                return "CRASH(" + detail + ")";
        }
    }

    /** Every field of a query, masks in hex. */
    public static String describe(AccessQuery q) {
        PicoProvider pico = q.targetPico();
        return "{caller=" + q.caller() + (q.callerPico() ? " [pico]" : "")
                + ", target=" + q.target()
                + ", object=" + (q.object() == null ? "null" : q.object().id())
                + ", desired=" + String.format("0x%08X", q.desired())
                + ", mode=" + (q.mode() == null ? "null" : q.mode().id())
                + ", force=" + q.forceAccessCheck()
                + ", relation=" + (q.relation() == null ? "null" : q.relation().id())
                + ", build=" + q.build()
                + ", sdGranted=" + (q.sdGranted() == null ? "null" : String.format("0x%08X", q.sdGranted()))
                + ", targetPico=" + (pico == null ? "null"
                        : String.format("{openProcess=0x%08X, openThread=0x%08X}", pico.openProcess(), pico.openThread()))
                + ", disallowUserTerminate=" + q.targetDisallowUserTerminate() + "}";
    }

    /** {@code query -> engine: ..., reference: ...} for assertion messages. */
    public static String mismatch(AccessQuery q, Outcome engine, Outcome reference) {
        return describe(q) + "\n    engine:    " + engine + "\n    reference: " + reference;
    }
}
