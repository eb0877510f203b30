package dev.pplsim.cli;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A misspelt command or option: exit 2, picocli's one line, then the nearest names instead of the pointer to --help. */
class SuggestionTests {

    @Test
    void a_misspelt_command_names_the_nearest() {
        CliTests.Result r = CliTests.run("", "lnt");
        assertEquals(2, r.exit());
        assertEquals(List.of("pplsim: Unmatched argument at index 0: 'lnt'", "Did you mean lint?"), r.err().lines().toList());
        assertEquals("", r.out());
    }

    @Test
    void a_misspelt_option_names_the_nearest() {
        CliTests.Result r = CliTests.run("", "decide", "--caller", "None", "--target", "None", "--access", "1", "--modee", "user");
        assertEquals(2, r.exit());
        assertEquals(List.of("pplsim: Unknown options: '--modee', 'user'", "Did you mean --mode?"), r.err().lines().toList());
    }

    @Test
    void a_misspelt_required_option_is_named_not_reported_missing() {
        CliTests.Result r = CliTests.run("", "decide", "--calller", "None", "--target", "None", "--access", "1");
        assertEquals(2, r.exit());
        assertEquals(List.of("pplsim: Unknown options: '--calller', 'None'", "Did you mean --caller?"), r.err().lines().toList());
    }

    @Test
    void a_typo_picocli_finds_nothing_for_gets_the_closest_option() {
        CliTests.Result r = CliTests.run("", "whatif", "--bse", "windows-10-11", "--change", "windows-10-11");
        assertEquals(2, r.exit());
        assertEquals(List.of("pplsim: Unknown options: '--bse', 'windows-10-11'", "Did you mean --base?"), r.err().lines().toList());
    }

    @Test
    void with_nothing_near_it_points_to_help() {
        CliTests.Result r = CliTests.run("", "decide", "--caller", "None", "--target", "None", "--access", "1", "--zzzzzzzz");
        assertEquals(2, r.exit());
        assertEquals(List.of("pplsim: Unknown option: '--zzzzzzzz'", "Try 'pplsim decide --help'."), r.err().lines().toList());
    }
}
