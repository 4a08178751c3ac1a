package io.cutover.lab;

import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * A YAML node that remembers the line it starts on. Jackson's tree model forgets locations, and a
 * scenario error that cannot say where it is makes people bisect their file, so the lab reads YAML
 * through the streaming parser into these.
 */
sealed interface Node permits Node.MapNode, Node.ListNode, Node.ScalarNode {
    /** Scenario files are written by people; anything bigger is a mistake or an attack. */
    int MAX_CHARS = 16 * 1024 * 1024;

    int line();

    /** What this node is, for "expected a number, found a list". */
    String describe();

    /** A mapping; keys in document order, each with the line of its key. */
    record MapNode(int line, LinkedHashMap<String, Entry> entries) implements Node {
        public String describe() {
            return "a mapping";
        }
    }

    record Entry(int keyLine, Node value) {}

    record ListNode(int line, List<Node> items) implements Node {
        public String describe() {
            return "a list";
        }
    }

    record ScalarNode(int line, String text, Type type) implements Node {
        public String describe() {
            return switch (type) {
                case STRING -> "the text '" + text + "'";
                case NULL -> "nothing";
                case INT, FLOAT, TRUE, FALSE -> text;
            };
        }
    }

    enum Type {
        STRING,
        INT,
        FLOAT,
        /** YAML 1.1 spellings count: true, yes, on. */
        TRUE,
        FALSE,
        NULL
    }

    /**
     * Reads one YAML document. Aliases are refused outright rather than expanded, which rules out
     * the "billion laughs" bomb whatever the parser's own limits are.
     */
    static Node read(String text, String where) {
        if (text.length() > MAX_CHARS) {
            throw Malformed.at(
                    where,
                    1,
                    "",
                    "the file has " + text.length() + " characters; the limit is " + MAX_CHARS + " (16 MB)");
        }
        LoaderOptions options = new LoaderOptions();
        options.setMaxAliasesForCollections(10);
        options.setAllowRecursiveKeys(false);
        options.setNestingDepthLimit(32);
        options.setCodePointLimit(MAX_CHARS);
        YAMLFactory factory = YAMLFactory.builder().loaderOptions(options).build();
        try (YAMLParser parser = factory.createParser(text)) {
            if (parser.nextToken() == null) {
                throw Malformed.at(where, 1, "", "the file is empty");
            }
            Node root = new Reader(parser, where).value();
            if (parser.nextToken() != null) {
                throw Malformed.at(
                        where,
                        parser.currentTokenLocation().getLineNr(),
                        "",
                        "a second YAML document ('---') is not allowed; put everything in one");
            }
            return root;
        } catch (StreamReadException e) {
            if (e.getCause() instanceof MarkedYAMLException m) {
                throw syntax(where, m, lineOf(e));
            }
            throw Malformed.at(where, lineOf(e), "", "not valid YAML: " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw Malformed.at(where, 1, "", "cannot read: " + firstLine(e.getMessage()));
        }
    }

    /**
     * SnakeYAML reports where it noticed the problem and where the construct it was reading began.
     * The first is usually the line to fix; but for an unterminated quote or bracket it is the end
     * of the file, and the beginning is what a person needs.
     */
    private static RuntimeException syntax(String where, MarkedYAMLException m, int fallback) {
        int problemLine =
                m.getProblemMark() == null ? fallback : m.getProblemMark().getLine() + 1;
        int contextLine =
                m.getContextMark() == null ? problemLine : m.getContextMark().getLine() + 1;
        String problem = m.getProblem() == null ? "unreadable" : m.getProblem().trim();
        boolean atEnd = problem.contains("end of stream");
        int line = atEnd ? contextLine : problemLine;
        String what = problem;
        if (m.getContext() != null) {
            String from = contextLine != line ? " (from line " + contextLine + ")" : "";
            what = m.getContext().trim() + from + ": " + problem;
        }
        return Malformed.at(where, line, "", "not valid YAML: " + what);
    }

    private static int lineOf(StreamReadException e) {
        return e.getLocation() == null ? 1 : Math.max(1, e.getLocation().getLineNr());
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).trim();
    }

    /** Turns the token stream into nodes; one instance per document. */
    final class Reader {
        private final YAMLParser parser;
        private final String where;

        Reader(YAMLParser parser, String where) {
            this.parser = parser;
            this.where = where;
        }

        Node value() throws IOException {
            int line = parser.currentTokenLocation().getLineNr();
            if (parser.isCurrentAlias()) {
                throw Malformed.at(
                        where,
                        line,
                        "",
                        "YAML aliases (*" + parser.getText() + ") are not supported; write the value out");
            }
            JsonToken token = parser.currentToken();
            return switch (token) {
                case START_OBJECT -> map(line);
                case START_ARRAY -> list(line);
                case VALUE_STRING -> new ScalarNode(line, parser.getText(), Type.STRING);
                case VALUE_NUMBER_INT -> new ScalarNode(line, parser.getText(), Type.INT);
                case VALUE_NUMBER_FLOAT -> new ScalarNode(line, parser.getText(), Type.FLOAT);
                case VALUE_TRUE -> new ScalarNode(line, parser.getText(), Type.TRUE);
                case VALUE_FALSE -> new ScalarNode(line, parser.getText(), Type.FALSE);
                case VALUE_NULL -> new ScalarNode(line, "", Type.NULL);
                default -> throw Malformed.at(where, line, "", "unexpected YAML content (" + token + ")");
            };
        }

        private Node map(int line) throws IOException {
            LinkedHashMap<String, Entry> entries = new LinkedHashMap<>();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String key = parser.currentName();
                int keyLine = parser.currentTokenLocation().getLineNr();
                if (entries.containsKey(key)) {
                    throw Malformed.at(
                            where,
                            keyLine,
                            "",
                            "duplicate field '" + key + "' (first on line "
                                    + entries.get(key).keyLine() + ")");
                }
                parser.nextToken();
                entries.put(key, new Entry(keyLine, value()));
            }
            return new MapNode(line, entries);
        }

        private Node list(int line) throws IOException {
            List<Node> items = new ArrayList<>();
            while (parser.nextToken() != JsonToken.END_ARRAY) {
                items.add(value());
            }
            return new ListNode(line, Collections.unmodifiableList(items));
        }
    }
}
