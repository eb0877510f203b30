package dev.pplsim.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;
import dev.pplsim.model.AccessRight;
import dev.pplsim.model.SdkNames;
import dev.pplsim.request.RequestReader;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The values a request builder has been given, by the scenario field names the one readers of {@code dev.pplsim.request}
 * read: each builder method sets one, on a copy, so a request can be the base of several.
 */
final class Fields {

    private final Map<String, JsonNode> values;

    Fields() {
        this(Map.of());
    }

    private Fields(Map<String, JsonNode> values) {
        this.values = Collections.unmodifiableMap(values);
    }

    Fields with(String field, JsonNode value) {
        Map<String, JsonNode> m = new LinkedHashMap<>(values);
        m.put(field, value);
        return new Fields(m);
    }

    Fields with(String field, String text) {
        if (text == null) throw new IllegalArgumentException(field + ": null");
        return with(field, TextNode.valueOf(text));
    }

    Fields with(String field, boolean flag) {
        return with(field, BooleanNode.valueOf(flag));
    }

    /** A token: a preset's name, or its fields as JSON ({@code {"base":"standard-user","integrity":"LW"}}). */
    Fields token(String field, String presetOrJson) {
        if (presetOrJson == null) throw new IllegalArgumentException(field + ": null");
        return with(field, RequestReader.jsonOrString(presetOrJson, field));
    }

    JsonNode get(String field) {
        return values.get(field);
    }

    String text(String field) {
        JsonNode n = values.get(field);
        return n == null ? null : n.asText();
    }

    Boolean bool(String field) {
        JsonNode n = values.get(field);
        return n == null ? null : n.asBoolean();
    }

    boolean has(String field) {
        return values.containsKey(field);
    }

    Map<String, JsonNode> map() {
        return values;
    }

    /** Rights as the readers spell them: their SDK names joined with |. */
    static String rights(AccessRight... rights) {
        if (rights.length == 0) throw new IllegalArgumentException("no rights given");
        return Arrays.stream(rights).map(AccessRight::sdkName).collect(Collectors.joining("|"));
    }

    /** A mask as the readers spell it. */
    static String mask(int mask) {
        return SdkNames.hex(mask);
    }

    @Override
    public String toString() {
        return values.toString();
    }
}
