package dev.pplsim.schema;

import dev.pplsim.policy.Mask;
import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What the generator takes from a record and what it refuses to guess, so the notes cannot drift from the records. */
class SchemaBuilderTests {

    record Inner(@JsonProperty(required = true) String word, Mask mask) {
    }

    record Outer(@JsonProperty(required = true) Long pid, List<Inner> inners, Boolean flag, JsonNode any) {
    }

    record ByFactory(int n, String s) {
        @JsonCreator
        static ByFactory of(@JsonProperty(value = "number", required = true) Object number, @JsonProperty("text") String text) {
            return new ByFactory(0, text);
        }
    }

    private static SchemaBuilder.Notes inner() {
        return new SchemaBuilder.Notes("Inner", "an inner record").field("word", "a word").field("mask", "a mask");
    }

    @Test
    void a_record_gives_its_properties_in_order_its_required_fields_and_no_others() {
        var notes = Map.<Class<?>, SchemaBuilder.Notes>of(Inner.class, inner(), Outer.class, new SchemaBuilder.Notes("Outer", "an outer record")
                .field("pid", "a pid").field("inners", "inner records").field("flag", "a flag").field("any", "anything", d -> SchemaBuilder.obj()));
        ObjectNode s = new SchemaBuilder.Doc(notes).record(Outer.class);
        assertEquals(List.of("pid", "inners", "flag", "any"), names(s.get("properties")));
        assertEquals("[\"pid\"]", s.get("required").toString());
        assertEquals(false, s.get("additionalProperties").asBoolean(true));
        assertEquals("#/$defs/dword", s.at("/properties/pid/$ref").asText());
        assertEquals("#/$defs/Inner", s.at("/properties/inners/items/$ref").asText());
        assertEquals("boolean", s.at("/properties/flag/type").asText());
        assertEquals("a flag", s.at("/properties/flag/description").asText());
    }

    @Test
    void a_json_creator_factory_gives_the_fields_and_required_ones_it_reads() {
        var notes = Map.<Class<?>, SchemaBuilder.Notes>of(ByFactory.class, new SchemaBuilder.Notes("F", "by factory")
                .field("number", "a number", d -> SchemaBuilder.obj("type", "integer")).field("text", "a text"));
        ObjectNode s = new SchemaBuilder.Doc(notes).record(ByFactory.class);
        assertEquals(List.of("number", "text"), names(s.get("properties")));
        assertEquals("[\"number\"]", s.get("required").toString());
    }

    @Test
    void a_field_without_a_description_stops_the_generation() {
        var notes = Map.<Class<?>, SchemaBuilder.Notes>of(Inner.class, new SchemaBuilder.Notes("Inner", "an inner record").field("word", "a word"));
        var e = assertThrows(IllegalStateException.class, () -> new SchemaBuilder.Doc(notes).record(Inner.class));
        assertTrue(e.getMessage().endsWith("Inner.mask has no description"), e.getMessage());
    }

    @Test
    void a_description_of_a_field_the_record_lacks_stops_the_generation() {
        var notes = Map.<Class<?>, SchemaBuilder.Notes>of(Inner.class, inner().field("wrod", "a misspelt field"));
        var e = assertThrows(IllegalStateException.class, () -> new SchemaBuilder.Doc(notes).record(Inner.class));
        assertTrue(e.getMessage().contains("has no field wrod"), e.getMessage());
    }

    @Test
    void a_type_the_record_does_not_explain_needs_its_schema_by_hand() {
        var notes = Map.<Class<?>, SchemaBuilder.Notes>of(Inner.class, inner(), Outer.class, new SchemaBuilder.Notes("Outer", "an outer record")
                .field("pid", "a pid").field("inners", "inner records").field("flag", "a flag").field("any", "anything"));
        var e = assertThrows(IllegalStateException.class, () -> new SchemaBuilder.Doc(notes).record(Outer.class));
        assertTrue(e.getMessage().contains("Outer.any: a com.fasterxml.jackson.databind.JsonNode needs its schema given by hand"), e.getMessage());
    }

    @Test
    void a_record_without_notes_stops_the_generation() {
        var e = assertThrows(IllegalStateException.class, () -> new SchemaBuilder.Doc(Map.of()).record(Inner.class));
        assertTrue(e.getMessage().contains("has no notes"), e.getMessage());
    }

    @Test
    void a_pattern_escapes_only_syntax_characters() {
        // an identity escape of another character ('\-') is an error in a Unicode-mode (ECMA-262) pattern
        assertEquals("(?:a\\.b|c\\|d|e-f|g\\+h)", SchemaBuilder.alt(List.of("a.b", "c|d", "e-f", "g+h")));
    }

    private static List<String> names(JsonNode object) {
        List<String> out = new java.util.ArrayList<>();
        object.fieldNames().forEachRemaining(out::add);
        return out;
    }
}
