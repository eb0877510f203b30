package dev.pplsim.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The files the server sends as they are checked in: the page (src/main/resources/pplsim/web) and the OpenAPI document. */
final class Resources {

    static final List<String> PAGE = List.of("index.html", "app.js", "app.css", "favicon.svg");

    private Resources() {
    }

    static Map<String, byte[]> page() {
        Map<String, byte[]> m = new LinkedHashMap<>();
        for (String f : PAGE) m.put(f, bytes("pplsim/web/" + f));
        return m;
    }

    static byte[] bytes(String name) {
        try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) throw new IllegalStateException("built-in resource " + name + " is missing from the classpath");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
