package io.cutover.lab;

import io.cutover.CutoverException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One YAML mapping read field by field. Every error names the file, the line of the offending node
 * and the field's path ({@code pools[2].version}), so a person can go straight to it.
 */
final class Fields {
    private final Node.MapNode map;
    private final String path;
    private final String where;

    private Fields(Node.MapNode map, String path, String where) {
        this.map = map;
        this.path = path;
        this.where = where;
    }

    /** Opens a mapping, refusing any field not in {@code known}: a typo must not pass silently. */
    static Fields of(Node node, String path, String where, String... known) {
        if (!(node instanceof Node.MapNode m)) {
            throw Malformed.at(where, node.line(), path, "expected a mapping (field: value), found " + node.describe());
        }
        Set<String> names = Set.of(known);
        m.entries().forEach((key, entry) -> {
            if (!names.contains(key)) {
                throw Malformed.at(
                        where,
                        entry.keyLine(),
                        join(path, key),
                        "unknown field; known here: " + String.join(", ", known));
            }
        });
        return new Fields(m, path, where);
    }

    String where() {
        return where;
    }

    String path() {
        return path;
    }

    int line() {
        return map.line();
    }

    /** The line of a field's key, or of the mapping when the field is absent. */
    int line(String field) {
        Node.Entry e = map.entries().get(field);
        return e == null ? map.line() : e.keyLine();
    }

    String path(String field) {
        return join(path, field);
    }

    static String join(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    static String index(String path, int i) {
        return path + "[" + i + "]";
    }

    /** Present with a value: {@code field:} with nothing after it counts as absent. */
    boolean has(String field) {
        Node.Entry e = map.entries().get(field);
        return e != null && !(e.value() instanceof Node.ScalarNode s && s.type() == Node.Type.NULL);
    }

    Optional<Node> node(String field) {
        return has(field) ? Optional.of(map.entries().get(field).value()) : Optional.empty();
    }

    Node required(String field) {
        return node(field).orElseThrow(() -> Malformed.at(where, map.line(), path(field), "missing required field"));
    }

    CutoverException error(String field, String what) {
        return Malformed.at(where, line(field), path(field), what);
    }

    CutoverException error(Node node, String nodePath, String what) {
        return Malformed.at(where, node.line(), nodePath, what);
    }

    String string(String field) {
        return text(required(field), path(field), where);
    }

    /** A name (a site's, say): refused when empty or only spaces, naming the line and field. */
    String name(String field) {
        String s = string(field);
        if (s.isEmpty()) {
            throw error(field, "is empty; a name needs at least one character that is not a space");
        }
        return s;
    }

    String string(String field, String otherwise) {
        return has(field) ? string(field) : otherwise;
    }

    int integer(String field, int min, int max) {
        return (int) number(required(field), path(field), where, min, max);
    }

    int integer(String field, int otherwise, int min, int max) {
        return has(field) ? integer(field, min, max) : otherwise;
    }

    long longValue(String field, long otherwise) {
        return has(field) ? number(required(field), path(field), where, Long.MIN_VALUE, Long.MAX_VALUE) : otherwise;
    }

    /** A share between 0 and 1, e.g. a failure rate. */
    double fraction(String field, double otherwise) {
        if (!has(field)) {
            return otherwise;
        }
        Node n = required(field);
        if (!(n instanceof Node.ScalarNode s) || (s.type() != Node.Type.INT && s.type() != Node.Type.FLOAT)) {
            throw Malformed.at(
                    where, n.line(), path(field), "expected a number between 0 and 1, found " + n.describe());
        }
        double d;
        try {
            d = Double.parseDouble(s.text());
        } catch (NumberFormatException e) {
            throw Malformed.at(
                    where, n.line(), path(field), "expected a number between 0 and 1, found " + n.describe());
        }
        if (!(d >= 0 && d <= 1)) {
            throw Malformed.at(where, n.line(), path(field), "expected a number between 0 and 1, found " + s.text());
        }
        return d;
    }

    boolean bool(String field, boolean otherwise) {
        if (!has(field)) {
            return otherwise;
        }
        Node n = required(field);
        if (n instanceof Node.ScalarNode s && (s.type() == Node.Type.TRUE || s.type() == Node.Type.FALSE)) {
            return s.type() == Node.Type.TRUE;
        }
        throw Malformed.at(where, n.line(), path(field), "expected true or false, found " + n.describe());
    }

    <E extends Enum<E>> E enumValue(String field, Class<E> type) {
        return enumOf(required(field), path(field), where, type);
    }

    <E extends Enum<E>> E enumValue(String field, Class<E> type, E otherwise) {
        return has(field) ? enumValue(field, type) : otherwise;
    }

    /** A list field; absent means empty. */
    List<Node> list(String field) {
        if (!has(field)) {
            return List.of();
        }
        Node n = required(field);
        if (n instanceof Node.ListNode l) {
            return l.items();
        }
        throw Malformed.at(where, n.line(), path(field), "expected a list, found " + n.describe());
    }

    /** A list of strings; a single string is accepted as a list of one. */
    List<String> strings(String field) {
        if (has(field) && required(field) instanceof Node.ScalarNode s && s.type() == Node.Type.STRING) {
            return List.of(s.text());
        }
        List<Node> items = list(field);
        String[] out = new String[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = text(items.get(i), index(path(field), i), where);
        }
        return List.of(out);
    }

    /** A nested mapping; absent means empty. */
    Node.MapNode mapping(String field) {
        if (!has(field)) {
            return new Node.MapNode(line(field), new java.util.LinkedHashMap<>());
        }
        Node n = required(field);
        if (n instanceof Node.MapNode m) {
            return m;
        }
        throw Malformed.at(where, n.line(), path(field), "expected a mapping (field: value), found " + n.describe());
    }

    /** Any scalar as text: people write {@code name: 2019} and mean the text. */
    static String text(Node n, String path, String where) {
        if (n instanceof Node.ScalarNode s && s.type() != Node.Type.NULL) {
            return s.text().trim();
        }
        throw Malformed.at(where, n.line(), path, "expected text, found " + n.describe());
    }

    static long number(Node n, String path, String where, long min, long max) {
        if (!(n instanceof Node.ScalarNode s) || s.type() != Node.Type.INT) {
            throw Malformed.at(where, n.line(), path, "expected a whole number, found " + n.describe());
        }
        long v;
        try {
            v = Long.parseLong(s.text().replace("_", ""));
        } catch (NumberFormatException e) {
            throw Malformed.at(where, n.line(), path, "expected a whole number, found " + n.describe());
        }
        if (v < min || v > max) {
            throw Malformed.at(where, n.line(), path, "must be between " + min + " and " + max + ", found " + v);
        }
        return v;
    }

    static <E extends Enum<E>> E enumOf(Node n, String path, String where, Class<E> type) {
        String t = text(n, path, where);
        for (E e : type.getEnumConstants()) {
            if (e.name().equalsIgnoreCase(t)) {
                return e;
            }
        }
        throw Malformed.at(
                where,
                n.line(),
                path,
                "unknown value '" + t + "'; known: "
                        + Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", ")));
    }
}
