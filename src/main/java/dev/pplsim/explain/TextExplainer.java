package dev.pplsim.explain;

import dev.pplsim.engine.Stage;
import dev.pplsim.engine.TraceStep;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Locale;

/**
 * Renders kept trace steps for people: one block per stage in the kernel's order, each firing with its rule id,
 * name and citation, and what it derived in the kernel's terms.
 */
public final class TextExplainer {

    private TextExplainer() {
    }

    /**
     * Lines without trailing newlines; {@code describe} turns a derived fact into its one-line meaning. With
     * {@code matched}, each firing also lists the facts it read ({@code <-}) before what it derived ({@code ->}).
     */
    public static List<String> render(List<TraceStep> steps, java.util.function.Function<Object, String> describe, boolean matched) {
        List<String> out = new ArrayList<>();
        Stage current = null;
        int nameWidth = steps.stream().mapToInt(s -> s.ruleName().length()).max().orElse(0);
        for (TraceStep s : steps) {
            if (!Objects.equals(s.stage(), current)) {
                current = s.stage();
                out.add(String.format(Locale.ROOT, "  [%s] %s: %s (%s)", current.label(), current.title(), current.kernelFunction(), current.cite()));
            }
            out.add(String.format(Locale.ROOT, "       %-6s %-" + nameWidth + "s  %s", s.ruleId(), s.ruleName(), s.cite()));
            if (matched) {
                for (String m : Facts.matched(s)) out.add("              <- " + m);
            }
            for (Object d : s.derived()) {
                out.add("              -> " + describe.apply(d));
            }
        }
        return out;
    }
}
