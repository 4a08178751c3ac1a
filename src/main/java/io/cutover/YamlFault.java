package io.cutover;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import java.time.DateTimeException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The bad-input error for a strict YAML settings file that Jackson refused: the file, the line,
 * the field and what is wrong ("w.yaml, line 4, field default.windows[1].from: ...").
 */
public final class YamlFault {
    private YamlFault() {}

    /**
     * @param text the file's text, to find an unknown key's own line
     * @param where the file's name
     * @return a BAD_INPUT error to throw
     */
    public static CutoverException of(String text, String where, JsonProcessingException e) {
        if (e instanceof UnrecognizedPropertyException u) {
            // Jackson places an unknown key where it stopped reading, often lines later: name the key's own line.
            return new CutoverException(
                    ErrorCode.BAD_INPUT,
                    where + keyLine(text, u.getPropertyName()) + field(u) + ": unknown key '" + u.getPropertyName()
                            + "' (known: " + u.getKnownPropertyIds() + ")");
        }
        if (e instanceof JsonMappingException m) {
            return new CutoverException(ErrorCode.BAD_INPUT, where + at(m.getLocation()) + field(m) + ": " + reason(m));
        }
        return new CutoverException(ErrorCode.BAD_INPUT, where + at(e.getLocation()) + ": " + e.getOriginalMessage());
    }

    private static String keyLine(String text, String key) {
        Matcher m = Pattern.compile("(?:^|[\\s{,])(" + Pattern.quote(key) + ")\\s*:", Pattern.MULTILINE)
                .matcher(text);
        return m.find()
                ? ", line "
                        + (text.substring(0, m.start(1))
                                        .chars()
                                        .filter(c -> c == '\n')
                                        .count()
                                + 1)
                : "";
    }

    private static String at(JsonLocation l) {
        return l == null || l.getLineNr() < 1 ? "" : ", line " + l.getLineNr();
    }

    private static String field(JsonMappingException e) {
        String path = e.getPath().stream()
                .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + (r.getIndex() + 1) + "]")
                .collect(Collectors.joining("."))
                .replace(".[", "[");
        return path.isEmpty() ? "" : ", field " + path;
    }

    /** Our own checks' words when a value was refused by them; Jackson's, without its class names, otherwise. */
    private static String reason(JsonMappingException e) {
        Throwable c = e.getCause();
        if (c instanceof CutoverException || c instanceof IllegalArgumentException || c instanceof DateTimeException) {
            return c.getMessage();
        }
        String m = e.getOriginalMessage();
        int cut = m.indexOf(" (class ");
        return cut > 0 ? m.substring(0, cut) : m;
    }
}
