package dev.pplsim.policy;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonStreamContext;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.ObjectCodec;
import com.fasterxml.jackson.core.io.IOContext;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactoryBuilder;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.events.AliasEvent;
import org.yaml.snakeyaml.events.CollectionStartEvent;
import org.yaml.snakeyaml.events.NodeEvent;
import org.yaml.snakeyaml.events.ScalarEvent;

import java.io.CharArrayReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Jackson's YAML parser with the policy files' rules on tokens, applied where every field type sees them:
 * <ul>
 * <li>a plain scalar YAML 1.1 would read as a number is a number token only when written as a policy number
 * ({@code 272}, {@code 0x110}); otherwise ({@code 272.9}, {@code 0b1}, {@code 0110}, {@code -1}, {@code 1_000})
 * it is a string token with the text as written, which a text field keeps and a number field refuses;</li>
 * <li>only {@code true} and {@code false} are booleans; {@code yes}, {@code off}, {@code True} are strings;</li>
 * <li>an explicit null ({@code ~}, {@code null}, an empty value) as a field's value or a list item is refused: an
 * omitted field is how a file leaves something out;</li>
 * <li>anchors, aliases and tags are refused: Jackson reads an alias as the anchor's name, and a tag overrides the
 * reading the rules above define;</li>
 * <li>a second document ({@code ---} after content) is refused: a policy file holds one;</li>
 * <li>mappings and lists nested more than {@link #MAX_NESTING} deep are refused.</li>
 * </ul>
 * A refusal is a {@link Refusal}, which carries the field path Jackson's databind does not add to parser errors.
 */
final class StrictYamlParser extends YAMLParser {

    /** A token the rules refuse: at the token's start, with the field path. */
    static final class Refusal extends JsonParseException {
        private final String path;
        private final String what;

        Refusal(StrictYamlParser p, JsonLocation at, String path, String what) {
            super(p, (path.isEmpty() ? "" : path + ": ") + what, at);
            this.path = path;
            this.what = what;
        }

        String path() {
            return path;
        }

        String what() {
            return what;
        }
    }

    /**
     * The deepest nesting of mappings and lists: the shipped files use at most 7 levels. Jackson's own limit (1000)
     * is reported without a position; the values are read recursively, so the limit also bounds the stack.
     */
    static final int MAX_NESTING = 64;

    private int rootValues;

    private StrictYamlParser(IOContext ctxt, int parserFeatures, int formatFeatures, LoaderOptions options, ObjectCodec codec, Reader reader) {
        super(ctxt, parserFeatures, formatFeatures, options, codec, reader);
    }

    @Override
    public JsonToken nextToken() throws IOException {
        JsonToken t;
        try {
            t = super.nextToken();
        } catch (JsonParseException e) {
            // Jackson's message for an alias used as a key names SnakeYAML's event class: say it as for a value
            if (_lastEvent instanceof AliasEvent) checkNode();
            throw e;
        }
        if (t == null || t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) return t;
        checkNode();
        if (t == JsonToken.FIELD_NAME) return t;
        boolean starts = t == JsonToken.START_OBJECT || t == JsonToken.START_ARRAY;
        // the context a value belongs to: a new mapping or list has already opened its own
        JsonStreamContext owner = starts ? getParsingContext().getParent() : getParsingContext();
        if (starts && getParsingContext().getNestingDepth() > MAX_NESTING) {
            throw refusal("mappings and lists nest more than " + MAX_NESTING + " deep here; a policy file needs a handful of levels");
        }
        if (owner.inRoot() && ++rootValues > 1) {
            throw refusal("a second YAML document starts here; a policy file holds one document (remove the '---' and what follows, or split the file)");
        }
        switch (t) {
            case VALUE_NULL -> {
                // at the top the reader says the file is empty
                if (!owner.inRoot()) throw refusal("a value is required (null given)");
            }
            case VALUE_STRING -> {
                // an empty plain scalar is YAML's null too, though Jackson gives some of them as ""
                if (!owner.inRoot() && _lastEvent instanceof ScalarEvent s && s.isPlain() && s.getValue().isEmpty()) {
                    throw refusal("a value is required (null given)");
                }
            }
            case VALUE_NUMBER_INT -> {
                if (Scalars.number(_textValue) < 0) _currToken = JsonToken.VALUE_STRING;
            }
            case VALUE_NUMBER_FLOAT -> _currToken = JsonToken.VALUE_STRING;
            case VALUE_TRUE, VALUE_FALSE -> {
                if (!_textValue.equals(t == JsonToken.VALUE_TRUE ? "true" : "false")) _currToken = JsonToken.VALUE_STRING;
            }
            default -> {
            }
        }
        return _currToken;
    }

    /** Refuses an alias, anchor or tag on the node (key or value) just read; Jackson exposes a scalar's anchor nowhere. */
    private void checkNode() throws Refusal {
        if (_lastEvent instanceof AliasEvent a) throw refusal("an alias (*" + a.getAnchor() + ") is not supported in a policy file: write the value out");
        if (_lastEvent instanceof NodeEvent n && n.getAnchor() != null) {
            throw refusal("an anchor (&" + n.getAnchor() + ") is not supported in a policy file: write each value out");
        }
        String tag = _lastEvent instanceof ScalarEvent s ? s.getTag() : _lastEvent instanceof CollectionStartEvent c ? c.getTag() : null;
        if (tag != null) throw refusal("a tag (" + tag + ") is not supported in a policy file: write the value without it");
    }

    private Refusal refusal(String what) {
        return new Refusal(this, currentTokenLocation(), path(getParsingContext(), _currToken), what);
    }

    /** {@code signers[1].dominateMask}: the field or item the current token is the value of. */
    static String path(JsonStreamContext ctx, JsonToken current) {
        Deque<String> parts = new ArrayDeque<>();
        JsonStreamContext c = ctx;
        // a mapping or list that has just opened has no entry yet: its path is its parent's
        if (current == JsonToken.START_OBJECT || current == JsonToken.START_ARRAY) c = c.getParent();
        for (; c != null && !c.inRoot(); c = c.getParent()) {
            if (c.inObject() && c.getCurrentName() != null) parts.addFirst("." + c.getCurrentName());
            else if (c.inArray() && c.getCurrentIndex() >= 0) parts.addFirst("[" + c.getCurrentIndex() + "]");
        }
        String p = String.join("", parts);
        return p.startsWith(".") ? p.substring(1) : p;
    }

    /** The factory of these parsers, whatever the mapper reads from. */
    static final class Factory extends YAMLFactory {

        Factory(LoaderOptions options, com.fasterxml.jackson.core.StreamReadConstraints constraints) {
            super(((YAMLFactoryBuilder) YAMLFactory.builder().loaderOptions(options).streamReadConstraints(constraints)));
        }

        @Override
        protected YAMLParser _createParser(Reader r, IOContext ctxt) {
            return new StrictYamlParser(ctxt, _parserFeatures, _yamlParserFeatures, _loaderOptions, _objectCodec, r);
        }

        @Override
        protected YAMLParser _createParser(InputStream in, IOContext ctxt) throws IOException {
            return _createParser(_createReader(in, null, ctxt), ctxt);
        }

        @Override
        protected YAMLParser _createParser(char[] data, int offset, int len, IOContext ctxt, boolean recyclable) {
            return _createParser(new CharArrayReader(data, offset, len), ctxt);
        }

        @Override
        protected YAMLParser _createParser(byte[] data, int offset, int len, IOContext ctxt) throws IOException {
            return _createParser(_createReader(data, offset, len, null, ctxt), ctxt);
        }
    }
}
