package dev.pplsim.serve;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static dev.pplsim.serve.ServeFixture.checked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Answers are never stale: an edit of the policies (through a symbolic link too) is seen by the next request, an edit
 * that does not load is every answer until it is mended, and a long job over the time limit is a 503.
 */
class ServeSnapshotTests {

    static final String CSRSS_LSASS = ServeApiTests.CSRSS_LSASS;

    /** The build file with WinTcb's dominate mask (0x17E, spec §2.1) edited to leave out Lsa (bit 4). */
    static void winTcbStopsDominatingLsa(Path build) throws Exception {
        String yaml = Files.readString(build);
        assertTrue(yaml.contains("0x17E"), "the shipped WinTcb row");
        Files.writeString(build, yaml.replaceFirst("0x17E", "0x16E"));
    }

    @Test
    void an_edit_of_a_build_is_seen_on_the_next_request() throws Exception {
        try (ServeFixture f = ServeFixture.onCopy(Server.Options.defaults())) {
            JsonNode before = checked(f.post("/v1/decide", CSRSS_LSASS), 200, "/v1/decide", "post");
            assertEquals("STATUS_SUCCESS", before.get("status").asText());
            String digest = checked(f.get("/v1/status"), 200, "/v1/status", "get").get("digest").asText();
            winTcbStopsDominatingLsa(f.dir.resolve("policies/builds/windows-10-11.yaml"));
            JsonNode after = checked(f.post("/v1/decide", CSRSS_LSASS), 200, "/v1/decide", "post");
            assertEquals("STATUS_ACCESS_DENIED", after.get("status").asText(), after.toString());
            assertNotEquals(digest, checked(f.get("/v1/status"), 200, "/v1/status", "get").get("digest").asText());
            // and what was worked out before is worked out again
            JsonNode m = checked(f.get("/v1/matrix?rights=PROCESS_VM_READ&callers=WinTcb-Light&targets=Lsa-Light"), 200, "/v1/matrix", "get");
            assertEquals("STATUS_ACCESS_DENIED", m.get("cells").get(0).get("outcomes").get(0).get("status").asText());
        }
    }

    @Test
    void an_edit_behind_a_symbolic_link_is_seen_on_the_next_request() throws Exception {
        try (ServeFixture f = ServeFixture.onCopy(Server.Options.defaults())) {
            // policies/builds/windows-10-11.yaml becomes a link to a file elsewhere, then that file is edited
            Path elsewhere = Files.createDirectories(f.dir.resolve("elsewhere")).resolve("w11.yaml");
            Path build = f.dir.resolve("policies/builds/windows-10-11.yaml");
            Files.move(build, elsewhere);
            Files.createSymbolicLink(build, elsewhere);
            assertEquals("STATUS_SUCCESS", checked(f.post("/v1/decide", CSRSS_LSASS), 200, "/v1/decide", "post").get("status").asText());
            winTcbStopsDominatingLsa(elsewhere);
            assertEquals("STATUS_ACCESS_DENIED", checked(f.post("/v1/decide", CSRSS_LSASS), 200, "/v1/decide", "post").get("status").asText());
        }
    }

    @Test
    void an_edit_that_does_not_load_is_the_answer_until_it_is_mended() throws Exception {
        try (ServeFixture f = ServeFixture.onCopy(Server.Options.defaults())) {
            Path build = f.dir.resolve("policies/builds/windows-10-11.yaml");
            String good = Files.readString(build);
            Files.writeString(build, good + "\nunknownField: 1\n");
            JsonNode e = checked(f.post("/v1/decide", CSRSS_LSASS), 422, "/v1/decide", "post");
            // the user's file, with its line, not the server's private copy
            assertTrue(e.get("error").asText().startsWith(f.dir.resolve("policies/builds/windows-10-11.yaml").toString() + ":"), e.toString());
            assertTrue(e.get("error").asText().contains("unknownField"), e.toString());
            JsonNode s = checked(f.get("/v1/status"), 200, "/v1/status", "get");
            assertTrue(s.get("error").asText().contains("unknownField"), s.toString());
            Files.writeString(build, good);
            assertEquals("STATUS_SUCCESS", checked(f.post("/v1/decide", CSRSS_LSASS), 200, "/v1/decide", "post").get("status").asText());
        }
    }

    @Test
    void a_touch_that_changes_no_byte_keeps_the_snapshot() throws Exception {
        try (ServeFixture f = ServeFixture.onCopy(Server.Options.defaults())) {
            String loaded = checked(f.get("/v1/status"), 200, "/v1/status", "get").get("loaded").asText();
            Path build = f.dir.resolve("policies/builds/windows-10-11.yaml");
            Files.writeString(build, Files.readString(build));
            checked(f.post("/v1/decide", CSRSS_LSASS), 200, "/v1/decide", "post");
            assertEquals(loaded, checked(f.get("/v1/status"), 200, "/v1/status", "get").get("loaded").asText());
        }
    }

    @Test
    void a_long_job_over_the_time_limit_is_answered_503_with_retry_after() throws Exception {
        try (ServeFixture f = ServeFixture.onCopy(Server.Options.defaults().withLimits(1 << 20, 1 << 20, Duration.ofMillis(1), Duration.ofSeconds(30)))) {
            // 76,296 cells of two builds' tables: never done in 1 ms, however warm the store (a time limit of a second
            // was met on a quiet machine whose key runs were kept from an earlier test)
            var r = f.get("/v1/whatif?base=windows-10-early&change=windows-10-rs&protections=named");
            JsonNode e = checked(r, 503, "/v1/whatif", "get");
            assertTrue(e.get("error").asText().contains("longer than the limit of 1 ms"), e.toString());
            assertEquals("5", r.headers().firstValue("Retry-After").orElse(""));
        }
    }

    @Test
    void a_policies_folder_that_does_not_load_stops_the_start_with_its_message() throws Exception {
        Path dir = Files.createTempDirectory("pplsim-serve-bad-");
        try {
            ServeFixture.copy(Path.of("policies"), dir.resolve("policies"));
            Files.writeString(dir.resolve("policies/object-types.yaml"), "nonsense: [");
            var e = org.junit.jupiter.api.Assertions.assertThrows(dev.pplsim.request.InputException.class,
                    () -> Server.start(Server.Options.defaults().withSources(dir.resolve("policies"), Path.of("rules")).withTokenFile(dir.resolve("t"))));
            assertTrue(e.getMessage().startsWith(dir.resolve("policies/object-types.yaml").toString()), e.getMessage());
        } finally {
            try (var s = Files.walk(dir)) {
                for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
            }
        }
    }
}
