package dev.pplsim.serve;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pplsim.engine.Simulator;
import dev.pplsim.jobs.BatchRunner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import static dev.pplsim.serve.ServeFixture.checked;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every endpoint of the JSON API on the built-in policies: status codes, shapes against the OpenAPI document, errors, the token, limits. */
class ServeApiTests {

    static final String ADMIN_LSASS = "{\"id\":\"a1\",\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"Lsa-Light\"},\"desired\":\"PROCESS_VM_READ\"}";
    static final String CSRSS_LSASS = "{\"id\":2,\"caller\":{\"protection\":\"WinTcb-Light\"},\"target\":{\"protection\":\"Lsa-Light\"},\"desired\":\"PROCESS_VM_READ\"}";
    static final String CREATE = "{\"id\":\"c1\",\"op\":\"create\",\"creator\":{\"protection\":\"None\"},\"image\":{\"path\":\"x.exe\"}}";
    static final String LOAD = "{\"id\":\"ppldump\",\"op\":\"load\",\"process\":{\"protection\":\"WinTcb-Light\"},\"image\":{\"signingLevel\":1,\"source\":\"known-dlls\"},\"build\":\"windows-10-early\"}";

    static ServeFixture f;

    @BeforeAll
    static void start() throws IOException {
        f = ServeFixture.builtIn();
    }

    @AfterAll
    static void stop() throws IOException {
        f.close();
    }

    /** What {@code pplsim batch} writes for these lines, on the same built-in policies. */
    static List<String> batch(String... lines) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BatchRunner.run(Simulator.builtIn(), new ByteArrayInputStream((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8)), out);
        return ServeFixture.lines(out.toString(StandardCharsets.UTF_8));
    }

    // ---- the token and the host ----------------------------------------------------------------------------------

    @Test
    void an_api_call_without_the_token_or_with_another_is_refused_401() throws Exception {
        HttpResponse<String> none = f.send(HttpRequest.newBuilder(URI.create(f.base() + "/v1/status")).GET().build());
        JsonNode e = checked(none, 401, "/v1/status", "get");
        assertTrue(e.get("error").asText().startsWith("missing access token"), e.toString());
        assertEquals("Bearer realm=\"pplsim\"", none.headers().firstValue("WWW-Authenticate").orElse(""));
        HttpResponse<String> wrong = f.send(HttpRequest.newBuilder(URI.create(f.base() + "/v1/decide")).header("Authorization", "Bearer " + f.server.token() + "x")
                .POST(HttpRequest.BodyPublishers.ofString(ADMIN_LSASS)).build());
        assertEquals(401, wrong.statusCode());
        assertTrue(wrong.body().contains("wrong access token"), wrong.body());
        // even the document needs it: every API call does
        assertEquals(401, f.send(HttpRequest.newBuilder(URI.create(f.base() + "/v1/openapi.json")).GET().build()).statusCode());
        assertEquals(200, f.get("/v1/status").statusCode());
    }

    @Test
    void the_token_is_random_and_its_file_is_readable_by_its_owner_only() throws Exception {
        String t = f.server.token();
        assertTrue(t.matches("[A-Za-z0-9_-]{43}"), t);
        assertEquals(t + "\n", Files.readString(f.server.tokenFile()));
        assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(f.server.tokenFile()));
        try (ServeFixture other = ServeFixture.builtIn()) {
            assertFalse(other.server.token().equals(t));
            java.nio.file.Path file = other.server.tokenFile();
            other.server.close();
            assertFalse(Files.exists(file), "the token's file goes with the server");
        }
    }

    @Test
    void a_second_server_on_the_same_token_file_refuses_to_start_and_leaves_the_first_token_alone() throws Exception {
        java.nio.file.Path dir = Files.createTempDirectory("pplsim-token-");
        java.nio.file.Path file = dir.resolve("token");
        // a lock file left by a server that died: no one holds its lock, so it does not stand in the way
        Files.writeString(dir.resolve("token.lock"), "999999\n");
        try (Server first = Server.start(Server.Options.defaults().withTokenFile(file))) {
            String t = first.token();
            java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                    () -> Server.start(Server.Options.defaults().withTokenFile(file)).close());
            assertEquals("the token file " + file + " is in use by another pplsim serve (pid " + ProcessHandle.current().pid()
                    + "); give this one its own --token-file", e.getMessage());
            assertEquals(t + "\n", Files.readString(file), "the first server's token is still there");
            first.close();
            assertFalse(Files.exists(file));
            // the lock file stays (a server that opened it as it was removed would lock a file no one else sees)
            assertTrue(Files.isRegularFile(dir.resolve("token.lock")));
            // and once it has stopped, the file is free for the next one
            try (Server next = Server.start(Server.Options.defaults().withTokenFile(file))) {
                assertEquals(next.token() + "\n", Files.readString(file));
            }
        }
    }

    @Test
    void a_lock_file_planted_as_a_link_is_refused_and_its_target_left_alone() throws Exception {
        java.nio.file.Path dir = Files.createTempDirectory("pplsim-token-");
        java.nio.file.Path victim = dir.resolve("victim");
        Files.writeString(victim, "precious\n");
        Files.createSymbolicLink(dir.resolve("token.lock"), victim);
        java.io.IOException e = org.junit.jupiter.api.Assertions.assertThrows(java.io.IOException.class,
                () -> Server.start(Server.Options.defaults().withTokenFile(dir.resolve("token"))).close());
        assertEquals("cannot open the token file's lock " + dir.resolve("token.lock") + ": it is a symbolic link", e.getMessage());
        assertEquals("precious\n", Files.readString(victim));
        assertFalse(Files.exists(dir.resolve("token")));
    }

    @Test
    void a_stopping_server_deletes_its_token_file_only_while_it_holds_its_token() throws Exception {
        java.nio.file.Path dir = Files.createTempDirectory("pplsim-token-");
        java.nio.file.Path file = dir.resolve("token");
        Server s = Server.start(Server.Options.defaults().withTokenFile(file));
        Files.writeString(file, "someone else's\n"); // replaced behind its back
        s.close();
        assertEquals("someone else's\n", Files.readString(file));
    }

    @Test
    void the_server_listens_on_the_loopback_interface_only() throws Exception {
        assertTrue(f.server.url().startsWith("http://127.0.0.1:" + f.server.port() + "/#token="));
        for (var nif : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
            for (var addr : java.util.Collections.list(nif.getInetAddresses())) {
                if (addr.isLoopbackAddress() || !(addr instanceof java.net.Inet4Address)) continue;
                try (Socket s = new Socket()) {
                    s.connect(new java.net.InetSocketAddress(addr, f.server.port()), 1000);
                    throw new AssertionError("the server answered on " + addr);
                } catch (java.net.ConnectException expected) {
                    // refused: nothing listens there
                }
            }
        }
    }

    @Test
    void a_host_header_that_is_not_the_loopback_is_refused_403() throws Exception {
        String answer = raw("GET /v1/status HTTP/1.1\r\nHost: attacker.example\r\nAuthorization: Bearer " + f.server.token() + "\r\nConnection: close\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 403"), answer);
        assertTrue(answer.contains("the Host header must name the loopback interface"), answer);
        String page = raw("GET / HTTP/1.1\r\nHost: rebound.example:" + f.server.port() + "\r\nConnection: close\r\n\r\n");
        assertTrue(page.startsWith("HTTP/1.1 403"), page);
    }

    String raw(String request) throws IOException {
        try (Socket s = new Socket("127.0.0.1", f.server.port())) {
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    // ---- decide --------------------------------------------------------------------------------------------------

    @Test
    void decide_answers_an_open_with_the_batch_line_for_it() throws Exception {
        JsonNode d = checked(f.post("/v1/decide", ADMIN_LSASS), 200, "/v1/decide", "post");
        assertEquals("STATUS_ACCESS_DENIED", d.get("status").asText());
        assertEquals("0x00000000", d.get("granted").asText());
        assertTrue(d.get("rules").toString().contains("\"R50.5\""), d.toString());
        JsonNode ok = checked(f.post("/v1/decide", CSRSS_LSASS), 200, "/v1/decide", "post");
        assertEquals("STATUS_SUCCESS", ok.get("status").asText());
        assertEquals("0x00000010", ok.get("granted").asText());
        // byte for byte what pplsim batch writes for the same lines
        assertEquals(batch(ADMIN_LSASS, CSRSS_LSASS), List.of(f.post("/v1/decide", ADMIN_LSASS).body(), f.post("/v1/decide", CSRSS_LSASS).body()));
    }

    @Test
    void decide_answers_a_creation_and_a_load_as_the_batch_does() throws Exception {
        JsonNode c = checked(f.post("/v1/decide", CREATE), 200, "/v1/decide", "post");
        ServeFixture.validate(c, "Creation");
        assertEquals("\"c1\"", c.get("id").toString());
        JsonNode l = checked(f.post("/v1/decide", LOAD), 200, "/v1/decide", "post");
        ServeFixture.validate(l, "Load");
        assertEquals(batch(CREATE, LOAD), List.of(f.post("/v1/decide", CREATE).body(), f.post("/v1/decide", LOAD).body()));
    }

    @Test
    void decide_with_explain_adds_the_stages() throws Exception {
        JsonNode d = checked(f.post("/v1/decide?explain=decisive", ADMIN_LSASS), 200, "/v1/decide", "post");
        assertTrue(d.get("stages").size() > 0);
        assertTrue(d.get("stages").toString().contains("\"rule\":\"R50.5\""), d.toString());
        assertEquals(422, f.post("/v1/decide?explain=loud", ADMIN_LSASS).statusCode());
    }

    @Test
    void decide_refuses_what_is_not_a_json_object_400_and_a_refused_field_422_with_the_batchs_message() throws Exception {
        JsonNode bad = checked(f.post("/v1/decide", "{\"id\":7,"), 400, "/v1/decide", "post");
        assertTrue(bad.get("error").asText().startsWith("malformed JSON"), bad.toString());
        assertEquals(400, f.post("/v1/decide", "[1,2]").statusCode());
        String unknown = "{\"id\":7,\"caller\":{\"protection\":\"Nonesuch\"},\"target\":{\"protection\":\"Lsa-Light\"},\"desired\":\"PROCESS_VM_READ\"}";
        JsonNode refused = checked(f.post("/v1/decide", unknown), 422, "/v1/decide", "post");
        assertEquals(7, refused.get("id").asInt());
        // the batch's message, without its "line N: "
        String batched = JSON(batch(unknown).get(0)).get("error").asText();
        assertEquals(batched.substring(batched.indexOf(": ") + 2), refused.get("error").asText());
        String unknownBuild = "{\"id\":8,\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"Lsa-Light\"},\"desired\":\"PROCESS_VM_READ\",\"build\":\"windows-99\"}";
        JsonNode build = checked(f.post("/v1/decide", unknownBuild), 422, "/v1/decide", "post");
        assertTrue(build.get("error").asText().contains("unknown build 'windows-99'"), build.toString());
        byte[] invalid = "{\"id\":\"\u00e9\",\"caller\":{\"protection\":\"None\"}}".getBytes(StandardCharsets.ISO_8859_1);
        HttpResponse<String> r = f.send(HttpRequest.newBuilder(URI.create(f.base() + "/v1/decide")).header("Authorization", "Bearer " + f.server.token())
                .POST(HttpRequest.BodyPublishers.ofByteArray(invalid)).build());
        assertEquals(400, r.statusCode(), r.body());
        assertTrue(r.body().contains("invalid UTF-8 at byte 8"), r.body());
    }

    static JsonNode JSON(String s) throws IOException {
        return ServeFixture.JSON.readTree(s);
    }

    @Test
    void a_body_over_the_limit_is_refused_413_unread() throws Exception {
        String big = "{\"id\":1,\"pad\":\"" + "x".repeat(1 << 20) + "\"}";
        JsonNode e = checked(f.post("/v1/decide", big), 413, "/v1/decide", "post");
        assertTrue(e.get("error").asText().contains("over the limit of 1,048,576"), e.toString());
        // without a Content-Length (chunked), found as it is read
        HttpResponse<String> chunked = f.send(HttpRequest.newBuilder(URI.create(f.base() + "/v1/explain")).header("Authorization", "Bearer " + f.server.token())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8)))).build());
        assertEquals(413, chunked.statusCode(), chunked.body());
    }

    // ---- explain -------------------------------------------------------------------------------------------------

    @Test
    void explain_gives_the_stages_the_refusal_kind_the_decisive_rule_and_verified_single_changes() throws Exception {
        JsonNode e = checked(f.post("/v1/explain", ADMIN_LSASS), 200, "/v1/explain", "post");
        assertEquals("open", e.get("op").asText());
        assertEquals("\"a1\"", e.get("id").toString());
        assertEquals("STATUS_ACCESS_DENIED", e.get("status").asText());
        JsonNode refusal = e.get("refusal").get(0);
        assertEquals("explicit deny", refusal.get("category").asText());
        assertEquals("PROCESS_VM_READ", refusal.get("rightNames").asText());
        assertEquals("R50.5", refusal.get("rule").asText());
        JsonNode decisive = e.get("decisive").get(0);
        assertEquals("R50.5", decisive.get("rule").asText());
        assertTrue(decisive.get("cite").asText().contains("spec §"), decisive.toString());
        assertEquals(50, decisive.get("stage").asInt());
        assertTrue(e.get("stages").size() >= 5, e.toString());
        assertTrue(e.get("counterfactuals").size() >= 1);
        for (JsonNode c : e.get("counterfactuals")) assertEquals("STATUS_SUCCESS", c.get("status").asText(), c.toString());
        JsonNode decisiveOnly = checked(f.post("/v1/explain?mode=decisive", ADMIN_LSASS), 200, "/v1/explain", "post");
        assertTrue(decisiveOnly.get("stages").size() < e.get("stages").size());
        JsonNode create = checked(f.post("/v1/explain", CREATE), 200, "/v1/explain", "post");
        assertEquals("create", create.get("op").asText());
        assertEquals(422, f.post("/v1/explain?mode=off", ADMIN_LSASS).statusCode());
        checked(f.post("/v1/explain", "{\"caller\":{\"protection\":\"None\"},\"target\":{\"protection\":\"Lsa-Light\"}}"), 422, "/v1/explain", "post");
    }

    // ---- batch ---------------------------------------------------------------------------------------------------

    @Test
    void batch_answers_every_line_in_order_as_pplsim_batch_does() throws Exception {
        String body = ADMIN_LSASS + "\n\n" + CSRSS_LSASS + "\nnot json\n" + CREATE + "\n";
        HttpResponse<String> r = f.post("/v1/batch", body);
        assertEquals(200, r.statusCode());
        assertEquals("application/x-ndjson", r.headers().firstValue("Content-Type").orElse(""));
        List<String> lines = ServeFixture.lines(r.body());
        assertEquals(batch(ADMIN_LSASS, "", CSRSS_LSASS, "not json", CREATE), lines);
        assertTrue(lines.get(2).startsWith("{\"id\":null,\"error\":\"line 4: malformed JSON"), lines.get(2));
        for (String l : lines) {
            JsonNode n = JSON(l);
            ServeFixture.validate(n, n.has("error") ? "LineError" : n.has("child") || l.contains("\"c1\"") ? "Creation" : "Decision");
        }
    }

    @Test
    void batch_streams_an_answer_before_the_next_line_is_sent() throws Exception {
        try (Socket s = new Socket("127.0.0.1", f.server.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            InputStream in = s.getInputStream();
            out.write(("POST /v1/batch HTTP/1.1\r\nHost: 127.0.0.1:" + f.server.port() + "\r\nAuthorization: Bearer " + f.server.token()
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            chunk(out, ADMIN_LSASS + "\n");
            String first = until(in, "\"a1\"");
            assertTrue(first.contains("STATUS_ACCESS_DENIED"), first);
            chunk(out, CSRSS_LSASS + "\n");
            String second = until(in, "STATUS_SUCCESS");
            assertTrue(second.contains("{\"id\":2,"), second);
            out.write("0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        }
    }

    private static void chunk(OutputStream out, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        out.write((Integer.toHexString(b.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.write(b);
        out.write("\r\n".getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    /** Reads until the text has come (the answer's chunk), or fails on the socket's timeout. */
    private static String until(InputStream in, String text) throws IOException {
        StringBuilder b = new StringBuilder();
        while (b.indexOf(text) < 0) {
            int c = in.read();
            if (c < 0) throw new AssertionError("the stream ended before " + text + ": " + b);
            b.append((char) c);
        }
        // the rest of that line
        int c;
        while ((c = in.read()) >= 0 && c != '\n') b.append((char) c);
        return b.toString();
    }

    @Test
    void a_batch_over_its_declared_limit_is_refused_413() throws Exception {
        try (ServeFixture small = ServeFixture.onCopy(Server.Options.defaults().withLimits(1 << 20, 1000, java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(30)))) {
            String body = (ADMIN_LSASS + "\n").repeat(20);
            JsonNode e = checked(small.post("/v1/batch", body), 413, "/v1/batch", "post");
            assertTrue(e.get("error").asText().contains("over the limit of 1,000"), e.toString());
            // sent without a length: the answer ends with one error line (the lines read ahead before it may be answered first)
            HttpResponse<String> r = small.send(HttpRequest.newBuilder(URI.create(small.base() + "/v1/batch")).header("Authorization", "Bearer " + small.server.token())
                    .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body.getBytes(StandardCharsets.UTF_8)))).build());
            assertEquals(200, r.statusCode());
            List<String> lines = ServeFixture.lines(r.body());
            assertTrue(lines.get(lines.size() - 1).contains("the batch is over the limit of 1,000 bytes"), r.body());
            assertTrue(lines.size() <= 10, r.body());
            for (String l : lines.subList(0, lines.size() - 1)) assertEquals(batch(ADMIN_LSASS).get(0), l);
        }
    }

    // ---- matrix --------------------------------------------------------------------------------------------------

    @Test
    void the_matrix_of_a_build_has_every_named_caller_and_target_with_the_rules_outcome() throws Exception {
        JsonNode m = checked(f.get("/v1/matrix?build=windows-10-11"), 200, "/v1/matrix", "get");
        int n = m.get("callers").size();
        assertEquals(n * n, m.get("cells").size());
        assertEquals(22, m.get("rights").size());
        JsonNode cell = cell(m, "0x00", "0x41");
        int vmRead = index(m, "PROCESS_VM_READ");
        assertEquals("STATUS_ACCESS_DENIED", cell.get("outcomes").get(vmRead).get("status").asText());
        assertEquals("R50.5", cell.get("outcomes").get(vmRead).get("rule").asText());
        JsonNode csrss = cell(m, "0x61", "0x41");
        assertEquals("0x00000010", csrss.get("outcomes").get(vmRead).get("granted").asText());
        assertEquals("0x001FFFFF", csrss.get("obtained").asText());
        // lsass is the catalog's Lsa-Light process
        for (JsonNode t : m.get("targets")) if (t.get("id").asText().equals("0x41")) assertTrue(t.get("examples").toString().contains("lsass.exe"), t.toString());
        JsonNode one = checked(f.get("/v1/matrix?rights=PROCESS_VM_READ&callers=None,WinTcb-Light&targets=Lsa-Light&object=process&mode=user"), 200, "/v1/matrix", "get");
        assertEquals(2, one.get("cells").size());
        assertEquals(1, one.get("cells").get(0).get("outcomes").size());
    }

    static JsonNode cell(JsonNode m, String caller, String target) {
        for (JsonNode c : m.get("cells")) if (c.get("caller").asText().equals(caller) && c.get("target").asText().equals(target)) return c;
        throw new AssertionError("no cell " + caller + " -> " + target);
    }

    static int index(JsonNode m, String right) {
        for (int i = 0; i < m.get("rights").size(); i++) if (m.get("rights").get(i).get("name").asText().equals(right)) return i;
        throw new AssertionError(right);
    }

    @Test
    void the_matrix_of_a_system_has_its_processes() throws Exception {
        JsonNode m = checked(f.get("/v1/matrix?system=windows-11&rights=PROCESS_VM_READ"), 200, "/v1/matrix", "get");
        assertEquals("system", m.get("kind").asText());
        int n = m.get("callers").size();
        assertEquals(n * n, m.get("cells").size());
        assertTrue(m.get("callers").toString().contains("lsass.exe (800)"), m.toString());
    }

    @Test
    void the_matrix_refuses_what_it_cannot_answer_422() throws Exception {
        assertTrue(checked(f.get("/v1/matrix?protections=all"), 422, "/v1/matrix", "get").get("error").asText().contains("over the limit of 4,096 pairs"));
        assertTrue(checked(f.get("/v1/matrix?rights=PROCESS_VM_READ%7CPROCESS_TERMINATE"), 422, "/v1/matrix", "get").get("error").asText().startsWith("rights:"));
        assertTrue(checked(f.get("/v1/matrix?object=token"), 422, "/v1/matrix", "get").get("error").asText().startsWith("object:"));
        assertTrue(checked(f.get("/v1/matrix?build=nope"), 422, "/v1/matrix", "get").get("error").asText().contains("unknown build 'nope'"));
        assertTrue(checked(f.get("/v1/matrix?mode=sideways"), 422, "/v1/matrix", "get").get("error").asText().startsWith("mode:"));
    }

    // ---- what-if -------------------------------------------------------------------------------------------------

    @Test
    void whatif_of_two_builds_lists_the_gained_cells_with_their_causes() throws Exception {
        JsonNode w = checked(f.get("/v1/whatif?base=windows-10-early&change=windows-10-11&object=process&mode=user&relation=none"), 200, "/v1/whatif", "get");
        assertTrue(w.get("differences").toString().contains("switches.impliedRights query-only -> full"), w.toString());
        assertTrue(w.get("gained").asInt() > 0);
        assertEquals(0, w.get("lost").asInt());
        assertFalse(w.get("truncated").asBoolean());
        assertEquals(w.get("gained").asInt(), w.get("cells").size());
        for (JsonNode c : w.get("cells")) assertTrue(c.get("causes").size() > 0, c.toString());
        JsonNode limited = checked(f.get("/v1/whatif?base=windows-10-early&change=windows-10-11&object=process&mode=user&relation=none&limit=3"), 200, "/v1/whatif", "get");
        assertEquals(3, limited.get("cells").size());
        assertTrue(limited.get("truncated").asBoolean());
        assertEquals(w.get("gained"), limited.get("gained"));
    }

    @Test
    void whatif_of_two_systems_and_its_errors() throws Exception {
        JsonNode w = checked(f.get("/v1/whatif?base=windows-11&change=windows-11-no-runasppl"), 200, "/v1/whatif", "get");
        assertEquals("system", w.get("kind").asText());
        assertTrue(w.get("gained").asInt() > 0, w.toString());
        assertTrue(w.get("cells").toString().contains("lsass.exe"));
        assertTrue(checked(f.get("/v1/whatif?base=windows-11&change=windows-10-11"), 422, "/v1/whatif", "get").get("error").asText().startsWith("change: compare a system"));
        assertTrue(checked(f.get("/v1/whatif?change=windows-10-11"), 400, "/v1/whatif", "get").get("error").asText().startsWith("base: missing"));
    }

    // ---- catalog queries -----------------------------------------------------------------------------------------

    @Test
    void who_can_read_lsass_memory() throws Exception {
        JsonNode w = checked(f.get("/v1/who-can?system=windows-11&target=lsass.exe&access=PROCESS_VM_READ"), 200, "/v1/who-can", "get");
        assertEquals("0x41", w.get("target").get("protection").asText());
        int yes = 0;
        for (JsonNode r : w.get("rows")) {
            String image = r.get("caller").get("image").asText();
            if (r.get("status").asText().equals("STATUS_SUCCESS")) yes++;
            if (image.equals("MsMpEng.exe")) assertEquals("STATUS_ACCESS_DENIED", r.get("status").asText());
            if (image.equals("explorer.exe")) assertEquals("STATUS_ACCESS_DENIED", r.get("status").asText());
        }
        assertEquals(yes, w.get("count").asInt());
        // as pplsim who-can: 9 of the 18 processes that run user-mode code; the 4 minimal processes are not asked
        assertEquals(9, yes);
        assertEquals(18, w.get("rows").size());
        assertEquals("[\"System (4)\",\"Secure System (60)\",\"Registry (100)\",\"MemCompression (2000)\"]", w.get("notAsked").toString());
        assertTrue(checked(f.get("/v1/who-can?target=nothing.exe&access=PROCESS_VM_READ"), 422, "/v1/who-can", "get").get("error").asText().contains("no process 'nothing.exe'"));
        assertEquals(400, f.get("/v1/who-can?target=lsass.exe").statusCode());
        assertTrue(checked(f.get("/v1/who-can?target=lsass.exe&access=PROCESS_VM_READ&object=token"), 422, "/v1/who-can", "get").get("error").asText().contains("tokens=true"));
        checked(f.get("/v1/who-can?target=lsass.exe&access=TOKEN_QUERY&object=token&tokens=true"), 200, "/v1/who-can", "get");
    }

    @Test
    void reach_from_the_admin_shell_finds_ppldump_on_the_early_build_only() throws Exception {
        JsonNode early = checked(f.get("/v1/reach?from=powershell.exe&build=windows-10-early"), 200, "/v1/reach", "get");
        List<String> levels = new ArrayList<>();
        for (JsonNode l : early.get("levels")) levels.add(l.get("protection").asText() + "@" + l.get("steps").asInt());
        // spec §8 PPLdump: services.exe started as WinTcb-Light, then an unchecked \KnownDlls load (L30.3): 2 steps
        assertTrue(levels.contains("0x61@2"), levels.toString());
        // the same answer as pplsim reach --format json (the job's own report)
        java.io.PrintStream old = System.out;
        ByteArrayOutputStream cli = new ByteArrayOutputStream();
        try {
            System.setOut(new java.io.PrintStream(cli, true, StandardCharsets.UTF_8));
            assertEquals(0, dev.pplsim.cli.Main.run("reach", "--from", "powershell.exe", "--build", "windows-10-early", "--format", "json"));
        } finally {
            System.setOut(old);
        }
        assertEquals(JSON(cli.toString(StandardCharsets.UTF_8)).get("levels"), early.get("levels"));
        JsonNode now = checked(f.get("/v1/reach?from=powershell.exe"), 200, "/v1/reach", "get");
        assertEquals(1, now.get("levels").size(), now.get("levels").toString());
        assertTrue(checked(f.get("/v1/reach?from=nosuch.exe"), 422, "/v1/reach", "get").get("error").asText().contains("no process 'nosuch.exe'"));
        assertTrue(checked(f.get("/v1/reach?from=powershell.exe&maxSteps=99"), 422, "/v1/reach", "get").get("error").asText().startsWith("maxSteps:"));
        assertEquals(400, f.get("/v1/reach").statusCode());
    }

    /** What {@code pplsim ARGS} prints on standard output, read as JSON. */
    private static JsonNode cli(String... args) throws IOException {
        java.io.PrintStream old = System.out;
        ByteArrayOutputStream cli = new ByteArrayOutputStream();
        int exit;
        try {
            System.setOut(new java.io.PrintStream(cli, true, StandardCharsets.UTF_8));
            exit = dev.pplsim.cli.Main.run(args);
        } finally {
            System.setOut(old);
        }
        assertEquals(0, exit, String.join(" ", args));
        return JSON(cli.toString(StandardCharsets.UTF_8));
    }

    @Test
    void the_command_line_json_of_who_can_what_can_and_whatif_is_the_apis() throws Exception {
        // one builder in jobs/ for both: the same document, field for field
        assertEquals(checked(f.get("/v1/who-can?system=windows-11&target=lsass.exe&access=PROCESS_VM_READ"), 200, "/v1/who-can", "get"),
                cli("who-can", "--target", "lsass.exe", "--access", "PROCESS_VM_READ", "--format", "json"));
        assertEquals(checked(f.get("/v1/who-can?target=lsass.exe&access=TOKEN_QUERY&object=token&tokens=true"), 200, "/v1/who-can", "get"),
                cli("who-can", "--target", "lsass.exe", "--access", "TOKEN_QUERY", "--object", "token", "--tokens", "--format", "json"));
        assertEquals(checked(f.get("/v1/what-can?caller=MsMpEng.exe"), 200, "/v1/what-can", "get"), cli("what-can", "--caller", "MsMpEng.exe", "--format", "json"));
        com.fasterxml.jackson.databind.node.ObjectNode api = (com.fasterxml.jackson.databind.node.ObjectNode)
                checked(f.get("/v1/whatif?base=windows-11&change=windows-11-no-runasppl"), 200, "/v1/whatif", "get");
        assertEquals(false, api.remove("truncated").asBoolean());
        assertEquals(api, cli("whatif", "--base", "windows-11", "--change", "windows-11-no-runasppl", "--format", "json"));
        com.fasterxml.jackson.databind.node.ObjectNode builds = (com.fasterxml.jackson.databind.node.ObjectNode)
                checked(f.get("/v1/whatif?base=windows-10-early&change=windows-10-11"), 200, "/v1/whatif", "get");
        assertEquals(false, builds.remove("truncated").asBoolean());
        assertEquals(builds, cli("whatif", "--base", "windows-10-early", "--change", "windows-10-11", "--format", "json"));
    }

    @Test
    void what_can_msmpeng_open() throws Exception {
        JsonNode w = checked(f.get("/v1/what-can?caller=MsMpEng.exe"), 200, "/v1/what-can", "get");
        for (JsonNode r : w.get("rows")) {
            if (r.get("target").get("image").asText().equals("lsass.exe")) {
                // Antimalware-Light does not dominate Lsa: what the denied mask leaves (as pplsim what-can says)
                assertEquals("0x00103800", r.get("obtained").asText(), r.toString());
            }
        }
        assertEquals(400, f.get("/v1/what-can").statusCode());
        // a minimal process makes no user-mode open (spec §7.1, §12.7), as on the command line
        assertTrue(checked(f.get("/v1/what-can?caller=System"), 422, "/v1/what-can", "get").get("error").asText().contains("is a minimal process"));
    }

    // ---- prove ---------------------------------------------------------------------------------------------------

    static final String LAWS = """
            properties:
              - name: winsystem_dominates_every_signer
                why: PP WinSystem passes the protection check against every signer.
                cite: "spec §2.1"
                forall:
                  caller: {is: [WinSystem]}
                  target: {type: [0, 1, 2], signerNot: [None]}
                  modes: [user]
                then: {protection: compatible}
              - name: a_signer_always_dominates_itself
                why: App dominates nothing, not even App.
                cite: "spec §2.1"
                forall:
                  caller: {type: [1, 2], signerNot: [None]}
                  where: {sameByte: true}
                  modes: [user]
                then: {protection: compatible}
            """;

    @Test
    void prove_proves_or_refutes_each_posted_law() throws Exception {
        JsonNode p = checked(f.post("/v1/prove?build=windows-10-11", LAWS), 200, "/v1/prove", "post");
        assertEquals(1, p.get("proved").asInt());
        assertEquals(1, p.get("refuted").asInt());
        JsonNode refuted = p.get("results").get(1);
        assertEquals("REFUTED", refuted.get("verdict").asText());
        assertFalse(refuted.get("asDeclared").asBoolean());
        assertTrue(refuted.get("counterexample").get("decision").get("caller").get("name").asText().startsWith("App"), refuted.toString());
        JsonNode bad = checked(f.post("/v1/prove", "properties:\n  - name: x\n"), 422, "/v1/prove", "post");
        assertTrue(bad.get("error").asText().startsWith("the posted properties:"), bad.toString());
        assertEquals(400, f.post("/v1/prove", "  ").statusCode());
        assertEquals(422, f.post("/v1/prove?build=nope", LAWS).statusCode());
    }

    // ---- listings, lessons, the document -------------------------------------------------------------------------

    @Test
    void the_listings_match_the_document() throws Exception {
        JsonNode s = checked(f.get("/v1/status"), 200, "/v1/status", "get");
        assertTrue(s.get("digest").asText().matches("[0-9a-f]{64}"));
        JsonNode b = checked(f.get("/v1/builds"), 200, "/v1/builds", "get");
        assertTrue(b.get("builds").toString().contains("\"name\":\"windows-10-11\""));
        assertTrue(b.get("builds").toString().contains("\"overlay\":true"), "the build overlays of policies/whatif are listed");
        JsonNode c = checked(f.get("/v1/catalogs"), 200, "/v1/catalogs", "get");
        assertTrue(c.get("catalogs").toString().contains("\"image\":\"lsass.exe\""));
        JsonNode doc = checked(f.get("/v1/openapi.json"), 200, "/v1/openapi.json", "get");
        assertEquals("3.1.0", doc.get("openapi").asText());
    }

    @Test
    void every_route_the_server_answers_is_in_the_document() throws Exception {
        JsonNode doc = JSON(new String(Resources.bytes("pplsim/openapi.json"), StandardCharsets.UTF_8));
        List<String> documented = new ArrayList<>();
        doc.get("paths").fieldNames().forEachRemaining(documented::add);
        String server = Files.readString(java.nio.file.Path.of("src/main/java/dev/pplsim/serve/Server.java"));
        var m = java.util.regex.Pattern.compile("\"(/v1/[^\"]*)\"").matcher(server);
        List<String> routes = new ArrayList<>();
        while (m.find()) if (!m.group(1).endsWith("/")) routes.add(m.group(1));
        assertTrue(routes.size() >= 14, routes.toString());
        for (String r : routes) assertTrue(documented.contains(r), r + " is served but not in openapi.json");
        for (String d : documented) assertTrue(routes.contains(d), d + " is documented but not served");
    }

    @Test
    void lessons_list_the_scenarios_and_answer_each_with_its_explanation() throws Exception {
        JsonNode l = checked(f.get("/v1/lessons"), 200, "/v1/lessons", "get");
        assertTrue(l.get("lessons").size() > 50, "every scenario of policies/scenarios");
        JsonNode first = null;
        for (JsonNode x : l.get("lessons")) if (x.get("id").asText().equals("dominance/1")) first = x;
        assertEquals("Lsa-Light", first.get("request").get("caller").asText());
        assertFalse(first.toString().contains("STATUS_"), "the listing does not give the answer away");
        JsonNode a = checked(f.get("/v1/lessons/dominance/1"), 200, "/v1/lessons/{file}/{index}", "get");
        assertTrue(a.get("passed").asBoolean());
        assertEquals("STATUS_ACCESS_DENIED", a.get("status").asText());
        // the explicit deny of the protection table decides; the signer check that made the caller incompatible fired first
        assertEquals("R50.5", a.get("explanation").get("decisive").get(0).get("rule").asText(), a.toString());
        assertTrue(a.get("explanation").get("rules").toString().contains("\"R40.6\""));
        checked(f.get("/v1/lessons/dominance/999"), 404, "/v1/lessons/{file}/{index}", "get");
    }

    @Test
    void an_unknown_endpoint_is_404_and_a_wrong_method_405_both_json() throws Exception {
        HttpResponse<String> r = f.get("/v1/nothing");
        assertEquals(404, r.statusCode());
        assertTrue(JSON(r.body()).get("error").asText().startsWith("no such endpoint: GET /v1/nothing"));
        HttpResponse<String> m = f.get("/v1/decide");
        assertEquals(405, m.statusCode(), m.body());
        assertTrue(JSON(m.body()).has("error"));
    }

    // ---- many clients --------------------------------------------------------------------------------------------

    @Test
    void sixty_four_concurrent_clients_each_get_their_own_answers() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(64);
        try {
            List<Future<Integer>> done = new ArrayList<>();
            for (int c = 0; c < 64; c++) {
                int client = c;
                done.add(pool.submit(() -> {
                    java.net.http.HttpClient own = java.net.http.HttpClient.newBuilder().version(java.net.http.HttpClient.Version.HTTP_1_1).build();
                    int right = 0;
                    for (int i = 0; i < 30; i++) {
                        boolean admin = (client + i) % 2 == 0;
                        String body = (admin ? ADMIN_LSASS : CSRSS_LSASS).replaceFirst("\"id\":[^,]+,", "\"id\":\"c" + client + "-" + i + "\",");
                        HttpResponse<String> r = own.send(HttpRequest.newBuilder(URI.create(f.base() + "/v1/decide")).header("Authorization", "Bearer " + f.server.token())
                                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                        JsonNode n = JSON(r.body());
                        if (r.statusCode() == 200 && n.get("id").asText().equals("c" + client + "-" + i)
                                && n.get("status").asText().equals(admin ? "STATUS_ACCESS_DENIED" : "STATUS_SUCCESS")) right++;
                    }
                    return right;
                }));
            }
            for (Future<Integer> d : done) assertEquals(30, d.get());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void slow_clients_do_not_stall_the_others() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            // more stalled connections than the job pool and batch slots: headers half sent, a body promised and not sent
            for (int i = 0; i < 40; i++) {
                Socket s = new Socket("127.0.0.1", f.server.port());
                s.getOutputStream().write(("POST /v1/decide HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + f.server.token()
                        + (i % 2 == 0 ? "\r\nContent-Length: 500\r\n\r\n{\"id\":" : "\r\nX-Slow: ")).getBytes(StandardCharsets.US_ASCII));
                s.getOutputStream().flush();
                slow.add(s);
            }
            Socket batch = new Socket("127.0.0.1", f.server.port());
            batch.getOutputStream().write(("POST /v1/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + f.server.token()
                    + "\r\nTransfer-Encoding: chunked\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            slow.add(batch);
            // meanwhile every ordinary request is answered
            for (int i = 0; i < 50; i++) {
                JsonNode d = checked(f.post("/v1/decide", CSRSS_LSASS), 200, "/v1/decide", "post");
                assertEquals("STATUS_SUCCESS", d.get("status").asText());
            }
            checked(f.get("/v1/matrix?rights=PROCESS_VM_READ"), 200, "/v1/matrix", "get");
            assertEquals(200, f.post("/v1/batch", CSRSS_LSASS + "\n").statusCode());
        } finally {
            for (Socket s : slow) s.close();
        }
    }

    /** A batch over a raw socket: headers and a chunked body begun with {@code lines}, the body left open. */
    private static Socket openBatch(String lines) throws IOException {
        Socket s = new Socket("127.0.0.1", f.server.port());
        byte[] body = lines.getBytes(StandardCharsets.UTF_8);
        s.getOutputStream().write(("POST /v1/batch HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + f.server.token()
                + "\r\nTransfer-Encoding: chunked\r\n\r\n" + Integer.toHexString(body.length) + "\r\n").getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().write(body);
        s.getOutputStream().write("\r\n".getBytes(StandardCharsets.US_ASCII));
        s.getOutputStream().flush();
        return s;
    }

    /** Reads the socket until {@code text} has come, within ten seconds. */
    private static void awaitText(Socket s, String text) throws IOException {
        s.setSoTimeout(10_000);
        StringBuilder got = new StringBuilder();
        byte[] buf = new byte[8192];
        while (got.indexOf(text) < 0) {
            int n = s.getInputStream().read(buf);
            if (n < 0) throw new AssertionError("the batch ended before " + text + ": " + got);
            got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
    }

    @Test
    void batches_slow_to_send_or_to_read_do_not_keep_a_new_batch_waiting() throws Exception {
        int cores = Runtime.getRuntime().availableProcessors();
        List<Socket> slow = new ArrayList<>();
        try {
            // more batches than there are deciding turns, each answered its first line and sending no more
            for (int i = 0; i < cores + 2; i++) {
                Socket s = openBatch(CSRSS_LSASS.replace("\"id\":2", "\"id\":" + (100 + i)) + "\n");
                slow.add(s);
                awaitText(s, "\"id\":" + (100 + i));
            }
            // and batches that send a lot and never read their answers: the server's writes to them block
            StringBuilder many = new StringBuilder();
            for (int i = 0; i < 20_000; i++) many.append(CSRSS_LSASS.replace("\"id\":2", "\"id\":" + (1000 + i))).append('\n');
            for (int i = 0; i < cores; i++) slow.add(openBatch(many.toString()));
            Thread.sleep(500); // let their answers fill the sockets' buffers
            HttpResponse<String> r = f.post("/v1/batch", ADMIN_LSASS + "\n" + CSRSS_LSASS + "\n");
            assertEquals(200, r.statusCode());
            List<String> answers = ServeFixture.lines(r.body());
            assertEquals(2, answers.size(), r.body());
            assertTrue(answers.get(0).contains("\"id\":\"a1\"") && answers.get(0).contains("\"status\":\"STATUS_ACCESS_DENIED\"")
                    && answers.get(0).contains("\"granted\":\"0x00000000\""), answers.get(0));
            assertTrue(answers.get(1).contains("\"id\":2") && answers.get(1).contains("\"status\":\"STATUS_SUCCESS\"")
                    && answers.get(1).contains("\"granted\":\"0x00000010\""), answers.get(1));
            JsonNode d = checked(f.post("/v1/decide", CSRSS_LSASS), 200, "/v1/decide", "post");
            assertEquals("0x00000010", d.get("granted").asText());
        } finally {
            for (Socket s : slow) s.close();
        }
    }

    static final String TRUSTLET = "{\"id\":\"t\",\"op\":\"create\",\"creator\":{\"protection\":\"WinTcb-Light\"},\"image\":{\"path\":\"C:\\\\Windows\\\\System32\\\\LsaIso.exe\","
            + "\"ekus\":\"1.3.6.1.4.1.311.10.3.37,1.3.6.1.4.1.311.10.3.6\",\"trustletId\":1},\"flags\":\"EXTENDED_STARTUPINFO_PRESENT\",\"secureProcess\":true,\"build\":\"%s\"}";

    @Test
    void a_creation_and_a_load_on_a_what_if_overlay_are_decided_with_its_creation_changes() throws Exception {
        // policies/whatif/vbs-off.yaml: windows-10-11 with VBS off, listed by the server under its overlay name
        JsonNode on = checked(f.post("/v1/decide", String.format(java.util.Locale.ROOT, TRUSTLET, "windows-10-11")), 200, "/v1/decide", "post");
        assertEquals("STATUS_SUCCESS", on.get("status").asText(), on.toString());
        JsonNode off = checked(f.post("/v1/decide", String.format(java.util.Locale.ROOT, TRUSTLET, "windows-10-11-vbs-off")), 200, "/v1/decide", "post");
        assertEquals("STATUS_NOT_SUPPORTED", off.get("status").asText(), off.toString());
        assertTrue(off.toString().contains("C35.5"), off.toString());
        // a load on the overlay's build loads as its base build does (its load switches are windows-10-11's)
        String load = LOAD.replace("windows-10-early", "%s");
        JsonNode base = checked(f.post("/v1/decide", String.format(java.util.Locale.ROOT, load, "windows-10-11")), 200, "/v1/decide", "post");
        JsonNode over = checked(f.post("/v1/decide", String.format(java.util.Locale.ROOT, load, "windows-10-11-vbs-off")), 200, "/v1/decide", "post");
        assertEquals("STATUS_INVALID_IMAGE_HASH", base.get("status").asText(), base.toString());
        assertEquals(base.get("status").asText(), over.get("status").asText(), over.toString());
        assertEquals(base.get("rules").toString(), over.get("rules").toString());
    }
}
