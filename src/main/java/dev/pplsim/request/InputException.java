package dev.pplsim.request;

/**
 * Input that cannot be decided: an unknown name, a malformed mask, a signer the build has no table row for,
 * broken YAML or JSON. The message is one line that says where and what; the CLI prints it and exits 2.
 * An error in one field of a request keeps that {@link RequestField}, so each entry point can name it in its own words.
 */
public class InputException extends RuntimeException {

    private final transient RequestField field;
    private final String detail;

    public InputException(String message) {
        this(message, null, message);
    }

    private InputException(String message, RequestField field, String detail) {
        // no stack trace: input errors are reported as one line, and analyses raise many of them
        super(oneLine(message), null, false, false);
        this.field = field;
        this.detail = oneLine(detail);
    }

    /**
     * The text as one printable line: a message echoes what the input said ({@code unknown protection 'a\nb'}), and a
     * line break or a control character in it (a JSON or YAML escape, a key spanning lines) would split the error or
     * reach the terminal; each is shown as an escape instead. Tabs stay.
     */
    static String oneLine(String text) {
        if (text == null) return null;
        StringBuilder b = null;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            int type = Character.getType(c);
            boolean plain = c == '\t' || (type != Character.CONTROL && type != Character.LINE_SEPARATOR && type != Character.PARAGRAPH_SEPARATOR);
            if (plain) {
                if (b != null) b.append(c);
                continue;
            }
            if (b == null) b = new StringBuilder(text.length() + 16).append(text, 0, i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(String.format(java.util.Locale.ROOT, "\\u%04X", (int) c));
            }
        }
        return b == null ? text : b.toString();
    }

    /**
     * Text from the input as a message quotes it: in single quotes, cut after 60 characters, so a megabyte of
     * garbage in a field gives a short line (control characters are escaped for every message, see above).
     */
    public static String quoted(String text) {
        return text.length() <= 60 ? "'" + text + "'" : "'" + text.substring(0, 60) + "...'";
    }

    /** {@code where: message}, where is a file:line:column, a field path, or both. */
    public static InputException at(String where, String message) {
        return new InputException(where == null || where.isEmpty() ? message : where + ": " + message);
    }

    /** An error in a request's field, named as the batch contract names it until an entry point renames it. */
    public static InputException at(RequestField field, String message) {
        return new InputException(field.batch() + ": " + message, field, message);
    }

    /** The request field this error is in, or null. */
    public RequestField field() {
        return field;
    }

    /** The message without the field's name. */
    public String detail() {
        return detail;
    }

    /** This error as {@code form} names its field (unchanged when it has none). */
    public InputException in(Form form) {
        return field == null ? this : new InputException(prefixed(form.name(field), detail), field, detail);
    }

    private static String prefixed(String where, String message) {
        return where.isEmpty() ? message : where + ": " + message;
    }
}
