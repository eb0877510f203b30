package dev.pplsim.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** A running server for a test class, a client that sends its token, and every answer checked against the OpenAPI document. */
final class ServeFixture implements AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOC = "https://pplsim.invalid/openapi.json";
    private static final String OPENAPI = new String(Resources.bytes("pplsim/openapi.json"), StandardCharsets.UTF_8);
    private static final SchemaRegistry SCHEMAS = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            b -> b.schemas(Map.of(DOC, OPENAPI)));

    final Server server;
    final Path dir;
    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).version(HttpClient.Version.HTTP_1_1).build();

    private ServeFixture(Server server, Path dir) {
        this.server = server;
        this.dir = dir;
    }

    /** The built-in policies and rules. */
    static ServeFixture builtIn() throws IOException {
        Path dir = Files.createTempDirectory("pplsim-serve-test-");
        return new ServeFixture(Server.start(Server.Options.defaults().withTokenFile(dir.resolve("token"))), dir);
    }

    /** A server on a private copy of the checkout's policies and rules (dir/policies, dir/rules), which a test may edit. */
    static ServeFixture onCopy(Server.Options options) throws IOException {
        Path dir = Files.createTempDirectory("pplsim-serve-test-");
        copy(Path.of("policies"), dir.resolve("policies"));
        copy(Path.of("rules"), dir.resolve("rules"));
        return new ServeFixture(Server.start(options.withSources(dir.resolve("policies"), dir.resolve("rules")).withTokenFile(dir.resolve("token"))), dir);
    }

    static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> s = Files.walk(from)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) Files.createDirectories(t);
                else Files.copy(p, t);
            }
        }
    }

    String base() {
        return "http://127.0.0.1:" + server.port();
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + server.token()).GET().build());
    }

    HttpResponse<String> post(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(URI.create(base() + path)).header("Authorization", "Bearer " + server.token())
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    HttpResponse<String> send(HttpRequest r) throws IOException, InterruptedException {
        return http.send(r, HttpResponse.BodyHandlers.ofString());
    }

    /** The answer's JSON, after checking its status and its shape against the document's schema for that endpoint and status. */
    static JsonNode checked(HttpResponse<String> r, int status, String path, String method) throws IOException {
        assertEquals(status, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"), r.headers().toString());
        JsonNode body = JSON.readTree(r.body());
        validate(body, path, method, status);
        return body;
    }

    /** Validates a JSON value against the schema the document gives for that response. */
    static void validate(JsonNode body, String path, String method, int status) {
        String pointer = "#/paths/" + path.replace("~", "~0").replace("/", "~1") + "/" + method + "/responses/" + status + "/content/application~1json/schema";
        Schema schema = SCHEMAS.getSchema(SchemaLocation.of(DOC + pointer));
        var errors = schema.validate(new tools.jackson.databind.ObjectMapper().readTree(body.toString()));
        if (!errors.isEmpty()) fail(method.toUpperCase() + " " + path + " " + status + " does not match the OpenAPI document: " + errors + "\n" + body);
    }

    /** Validates against one named schema of the document's components. */
    static void validate(JsonNode body, String component) {
        Schema schema = SCHEMAS.getSchema(SchemaLocation.of(DOC + "#/components/schemas/" + component));
        var errors = schema.validate(new tools.jackson.databind.ObjectMapper().readTree(body.toString()));
        if (!errors.isEmpty()) fail(component + " does not match the OpenAPI document: " + errors + "\n" + body);
    }

    static List<String> lines(String body) {
        return body.lines().filter(l -> !l.isBlank()).toList();
    }

    @Override
    public void close() throws IOException {
        server.close();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(p);
        }
    }
}
