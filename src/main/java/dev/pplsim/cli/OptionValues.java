package dev.pplsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.util.EnumMap;
import java.util.Map;

/** The fields a command's options give, by the field table of its kind of request, for that kind's reader. */
final class OptionValues<F extends Enum<F>> {

    final Map<F, JsonNode> given;

    OptionValues(Class<F> fields) {
        given = new EnumMap<>(fields);
    }

    /** The text typed, when the option was given. */
    OptionValues<F> put(F f, String text) {
        if (text != null) given.put(f, TextNode.valueOf(text));
        return this;
    }

    /** A flag option: true when given, else not given at all. */
    OptionValues<F> flag(F f, boolean on) {
        if (on) given.put(f, BooleanNode.TRUE);
        return this;
    }

    JsonNode get(F f) { return given.get(f); }
}
