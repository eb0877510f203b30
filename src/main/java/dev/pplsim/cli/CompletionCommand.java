package dev.pplsim.cli;

import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code pplsim completion [bash|zsh]}: a shell completion script for every command, option and option value. */
@Command(name = "completion", mixinStandardHelpOptions = true,
        description = {"Print a completion script for bash or zsh: commands, options and the values of options with a fixed set.",
                "Load it in the current shell with: source <(pplsim completion bash). In zsh the same script runs through bashcompinit.",
                "Exit 0; 2: bad input."},
        footer = {"%nExamples:",
                "  ./pplsim completion bash",
                "  ./pplsim completion zsh"})
final class CompletionCommand implements Callable<Integer> {

    enum Shell {
        BASH, ZSH;

        String id() { return name().toLowerCase(Locale.ROOT); }
    }

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", arity = "0..1", defaultValue = "bash", paramLabel = "bash|zsh", description = "The shell (default: ${DEFAULT-VALUE}).")
    Shell shell;

    @Override
    public Integer call() {
        // Main.run adds every subcommand when completion is named, so the root describes the whole tool; picocli's
        // script serves both shells (it enables bashcompinit under zsh itself)
        String script = AutoComplete.bash("pplsim", spec.root().commandLine());
        spec.commandLine().getOut().print(script);
        spec.commandLine().getOut().flush();
        return 0;
    }
}
