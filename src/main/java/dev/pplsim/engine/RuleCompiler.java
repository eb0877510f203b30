package dev.pplsim.engine;

import dev.pplsim.request.InputException;

import java.nio.file.Path;

/**
 * Build step (Maven, process-classes): compiles {@code rules/} to Drools' executable model and writes the
 * generated classes beside the project's own, so a normal run loads the rules without compiling DRL
 * (drools-notes §4.1: about 4 s saved at every start).
 */
public final class RuleCompiler {

    private RuleCompiler() {
    }

    public static void main(String[] args) {
        if (args.length != 2) {
            System.err.println("usage: RuleCompiler RULES_DIR CLASSES_DIR");
            System.exit(2);
        }
        try {
            RuleBase rb = RuleBase.compile(Path.of(args[0]), Path.of(args[1]));
            System.out.println("pplsim: prebuilt " + rb.rules().size() + " rules from " + args[0]);
        } catch (InputException e) {
            System.err.println("pplsim: " + e.getMessage());
            System.exit(2);
        }
    }
}
