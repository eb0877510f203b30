package dev.pplsim.cli;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every example a command's --help shows is run, so the examples never rot (issue #19): a line of the footer that
 * starts {@code ./pplsim} must exit 0, or the N its {@code # exits N} comment says; one that says {@code # runs until
 * interrupted} (serve) is parsed only.
 */
class HelpExamplesTests {

    private static final Pattern EXITS = Pattern.compile("#\\s*exits (\\d+)\\b");

    @TempDir
    static Path store;

    @BeforeAll
    static void privateStore() {
        // prove keeps its key runs in the user's cache by default: a test keeps them in its own folder
        System.setProperty("pplsim.store", store.toString());
    }

    @AfterAll
    static void dropStore() {
        System.clearProperty("pplsim.store");
    }

    /** One example of a command's help: the command's name, the line as shown, its arguments and its exit code. */
    record Example(String command, String line, List<String> args, int exit, boolean runs) {
    }

    /** Each command's (and the tool's own) help footer examples, by command name. */
    static Map<String, List<Example>> examples() {
        Map<String, List<Example>> out = new LinkedHashMap<>();
        CommandLine root = Main.commandLine();
        List<CommandLine> all = new ArrayList<>();
        all.add(root);
        all.addAll(root.getSubcommands().values());
        for (CommandLine c : all) {
            List<Example> es = new ArrayList<>();
            for (String footer : c.getCommandSpec().usageMessage().footer()) {
                for (String line : footer.split("%n|\n")) {
                    if (!line.startsWith("  ./pplsim")) continue;
                    String text = line.strip();
                    int hash = text.indexOf(" #");
                    String command = hash < 0 ? text : text.substring(0, hash).strip();
                    Matcher m = EXITS.matcher(text);
                    List<String> words = words(command);
                    es.add(new Example(c.getCommandName(), text, words.subList(1, words.size()), m.find() ? Integer.parseInt(m.group(1)) : 0,
                            !text.contains("# runs until interrupted")));
                }
            }
            out.put(c.getCommandName(), es);
        }
        return out;
    }

    /** The words of a command line as a POSIX shell splits them: blanks apart, '...' and "..." kept whole. */
    static List<String> words(String line) {
        List<String> out = new ArrayList<>();
        StringBuilder w = new StringBuilder();
        boolean any = false;
        char quote = 0;
        for (char ch : line.toCharArray()) {
            if (quote != 0) {
                if (ch == quote) quote = 0;
                else w.append(ch);
            } else if (ch == '\'' || ch == '"') {
                quote = ch;
                any = true;
            } else if (ch == ' ') {
                if (any || w.length() > 0) out.add(w.toString());
                w.setLength(0);
                any = false;
            } else {
                assertFalse("|<>;&$`*".indexOf(ch) >= 0, "an example is one command without shell syntax: " + line);
                w.append(ch);
            }
        }
        if (any || w.length() > 0) out.add(w.toString());
        return out;
    }

    @Test
    void every_command_shows_one_to_three_examples_of_itself() {
        for (var e : examples().entrySet()) {
            int n = e.getValue().size();
            assertTrue(n >= 1 && n <= 3, e.getKey() + " shows " + n + " examples");
            if (e.getKey().equals("pplsim")) continue;
            for (Example x : e.getValue()) assertEquals(e.getKey(), x.args().get(0), x.line());
        }
        assertEquals(Main.commandNames().size() + 1, examples().size());
    }

    @Test
    void help_prints_each_example_on_one_line() {
        // picocli wraps a footer at 80 columns; a wrapped command line cannot be pasted into a shell
        CommandLine root = Main.commandLine();
        List<CommandLine> all = new ArrayList<>(root.getSubcommands().values());
        all.add(root);
        Map<String, List<Example>> examples = examples();
        for (CommandLine c : all) {
            List<String> help = c.getUsageMessage().lines().toList();
            for (Example e : examples.get(c.getCommandName())) assertTrue(help.contains("  " + e.line()), c.getCommandName() + ": " + e.line());
        }
    }

    @Test
    void summaries_are_whole_sentences() {
        // ./pplsim --help lists each command by the first element of its description: it must not stop mid-sentence
        for (CommandLine c : Main.commandLine().getSubcommands().values()) {
            String summary = c.getCommandSpec().usageMessage().description()[0];
            assertTrue(summary.matches(".*[.?)]$"), c.getCommandName() + ": " + summary);
        }
    }

    @Test
    void the_word_splitter_keeps_quoted_paths_whole() {
        assertEquals(List.of("./pplsim", "create", "--image", "C:\\Windows\\x.exe", ""), words("./pplsim create --image 'C:\\Windows\\x.exe' ''"));
    }

    @TestFactory
    Stream<DynamicTest> every_example_in_help_runs_as_shown() {
        List<DynamicTest> tests = new ArrayList<>();
        for (List<Example> es : examples().values()) {
            for (Example e : es) {
                tests.add(DynamicTest.dynamicTest(e.line(), () -> {
                    String[] args = e.args().toArray(String[]::new);
                    if (!e.runs()) {
                        // parsed, options and values checked, but not started
                        Main.commandLine().parseArgs(args);
                        return;
                    }
                    CliTests.Result r = CliTests.run("", args);
                    assertEquals(e.exit(), r.exit(), e.line() + "\n" + r.err());
                    assertFalse(r.out().isEmpty(), e.line() + ": printed nothing");
                    assertFalse(r.err().contains("internal error"), r.err());
                }));
            }
        }
        return tests.stream();
    }
}
