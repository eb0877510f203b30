package dev.pplsim.explain;

import dev.pplsim.model.Ascii;
import dev.pplsim.engine.Trace;
import dev.pplsim.engine.TraceStep;

/** How much of a decision's trace to show; each mode is a filter over the same recorded trace. */
public enum ExplainMode {
    /** Nothing but the outcome. */
    OFF,
    /** The firings the decision depends on: its provenance, walked back from the deciding rule. */
    DECISIVE,
    /** Every firing. */
    FULL;

    public String id() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static ExplainMode byId(String id) {
        for (ExplainMode m : values()) {
            if (Ascii.equalsIgnoreCase(m.name(), id)) return m;
        }
        return null;
    }

    /** The steps this mode keeps, in firing order. */
    public java.util.List<TraceStep> filter(Trace trace) {
        return switch (this) {
            case OFF -> java.util.List.of();
            case FULL -> trace.steps();
            case DECISIVE -> Provenance.of(trace);
        };
    }
}
