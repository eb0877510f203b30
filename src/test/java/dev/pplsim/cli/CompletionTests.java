package dev.pplsim.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** {@code pplsim completion}: picocli's script names every command and the values of fixed-set options; bash reads it. */
class CompletionTests {

    @TempDir
    Path tmp;

    @Test
    void the_bash_script_completes_every_command() {
        CliTests.Result r = CliTests.run("", "completion", "bash");
        assertEquals(0, r.exit(), r.err());
        assertEquals("", r.err());
        assertTrue(r.out().startsWith("#!/usr/bin/env bash"), r.out().lines().findFirst().orElse(""));
        String commands = r.out().lines().filter(l -> l.strip().startsWith("local commands=")).findFirst().orElseThrow();
        for (String c : Main.commandNames()) assertTrue(commands.contains(" " + c) || commands.contains("\"" + c), c + " in " + commands);
        // an option's fixed set of values is offered: the rules command's --kind
        assertTrue(r.out().contains("(\"OPEN\" \"CREATE\" \"LOAD\") # --kind values"), "rules --kind values");
        assertTrue(r.out().contains("complete -F _complete_pplsim"), "registers the function");
    }

    @Test
    void zsh_gets_the_same_script_which_enables_bashcompinit() {
        CliTests.Result zsh = CliTests.run("", "completion", "ZSH");
        assertEquals(0, zsh.exit(), zsh.err());
        assertEquals(CliTests.run("", "completion").out(), zsh.out());
        assertTrue(zsh.out().contains("bashcompinit"));
        CliTests.assertOneLineError(CliTests.run("", "completion", "fish"), "pplsim: ");
    }

    @Test
    void bash_accepts_the_script() throws Exception {
        Path bash = Path.of("/bin/bash");
        assumeTrue(Files.isExecutable(bash), "no bash here");
        Path script = Files.writeString(tmp.resolve("pplsim-completion.bash"), CliTests.run("", "completion", "bash").out());
        Process p = new ProcessBuilder(bash.toString(), "-n", script.toString()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), said);
        // and sourcing it defines the completion function
        Process s = new ProcessBuilder(bash.toString(), "-c", "source " + script + " && declare -F _complete_pplsim").redirectErrorStream(true).start();
        String out = new String(s.getInputStream().readAllBytes());
        assertTrue(s.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, s.exitValue(), out);
        assertEquals("_complete_pplsim", out.strip());
    }
}
