package dev.pplsim.cli;

import dev.pplsim.engine.RuleBase;
import dev.pplsim.jobs.RuleCatalog;
import dev.pplsim.policy.PolicySet;
import dev.pplsim.request.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.nio.file.Path;

/** {@code pplsim rules [ID]}: the rule catalog, or one rule with its stage, cite, DRL text and the scenarios that name it. */
@Command(name = "rules", mixinStandardHelpOptions = true,
        description = {"List the rules (id, stage, kind, name, cite), or show one: its stage, cite, DRL text and the scenarios that expect it.",
                "Exit 0; 2: bad input (an unknown rule id, with the nearest ids)."},
        footer = {"%nExamples:",
                "  ./pplsim rules --stage 50",
                "  ./pplsim rules --kind create --grep handle",
                "  ./pplsim rules r50.5"})
final class RulesCommand extends SimulatorCommand {

    @Parameters(index = "0", arity = "0..1", paramLabel = "ID", description = "A rule id in any case (R50.5, c70.1). Without it: the list.")
    String id;

    @Option(names = "--stage", paramLabel = "N", description = "List only this stage's rules: a number (50: every kind's stage 50) or a label (R50 an open's, C50 a creation's, L40 a load's).")
    String stage;

    @Option(names = "--kind", paramLabel = "open|create|load", description = "List only the rules of an open's, a creation's or an image load's stages.")
    dev.pplsim.engine.RuleBase.Kind kind;

    @Option(names = "--grep", paramLabel = "TEXT", description = "List only the rules whose id, name, cite or stage contains TEXT (any case).")
    String grep;

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "Output format (default: ${DEFAULT-VALUE}).")
    dev.pplsim.jobs.ReportFormat format;

    @Override
    public Integer call() {
        if (id != null && (stage != null || kind != null || grep != null)) {
            throw InputException.at(stage != null ? "--stage" : kind != null ? "--kind" : "--grep", "filters the list: give no rule id with it");
        }
        if (stage != null && !stage.matches("(?i)[RCL]?\\d{2}")) throw InputException.at("--stage", "expected a stage number (50) or label (R50, C50, L40), not " + InputException.quoted(stage));
        Path rulesDir = source.rulesDir();
        Path policiesDir = source.policiesDir();
        RuleBase rules = rulesDir == null ? RuleBase.builtIn() : RuleBase.load(rulesDir);
        Path drl = rulesDir != null ? rulesDir : PolicySet.classpathDir("pplsim/rules");
        Path scenarios = (policiesDir != null ? policiesDir : PolicySet.classpathDir("pplsim/policies")).resolve("scenarios");
        RuleCatalog catalog = new RuleCatalog(rules, drl, scenarios);
        if (id == null) {
            RuleCatalog.printList(catalog.list(new RuleCatalog.Filter(stage, kind, grep)), format, out());
        } else {
            RuleCatalog.printRule(catalog.rule(id), format, out());
        }
        return 0;
    }
}
