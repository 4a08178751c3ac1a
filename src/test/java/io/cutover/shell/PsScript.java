package io.cutover.shell;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The subset of PowerShell the shell driver emits, tokenized and parsed by PowerShell's rules:
 * statements separated by new lines or semicolons; {@code try { } catch { }}; pipelines of
 * commands whose parameters are {@code -Name value}, {@code -Name} or {@code -Name:$false};
 * values that are single-quoted strings (any of the five single quotes ends one unless another
 * follows, which is then kept), parenthesised concatenations of such strings and
 * {@code [char]0xNNNN}, a property of a command's output ({@code (Get-CsUser -Identity 'x').Pool}), numbers, {@code $true}/{@code $false}, script blocks; hashtable literals of
 * such values and the string {@code "$_"}; assignments of a string to a variable. Anything else is
 * refused with a parse error, as a shell that does not understand a script must.
 */
final class PsScript {
    static final class ParseError extends RuntimeException {
        ParseError(String message) {
            super(message);
        }
    }

    sealed interface Statement permits Try, Pipeline, Assign {}

    record Try(List<Statement> body, List<Statement> handler) implements Statement {}

    record Pipeline(List<Element> elements) implements Statement {}

    record Assign(String variable, Object value) implements Statement {}

    sealed interface Element permits Command, Literal, Table {}

    record Command(String name, List<Arg> args) implements Element {}

    /** A parameter; value is null for a present switch. */
    record Arg(String name, Object value) {}

    record Literal(Object value) implements Element {}

    record Table(Map<String, Object> entries) implements Element {}

    /** The error text of the current catch: PowerShell's {@code "$_"}. */
    enum ErrorText {
        INSTANCE
    }

    record Block(List<Statement> statements) {}

    /** {@code (Command).Property}: a property of what a command writes, or the output itself when property is null. */
    record Member(Command command, String property) {}

    private final String src;
    private int pos;
    private int line = 1;

    private PsScript(String src) {
        this.src = src;
    }

    static List<Statement> parse(String script) {
        PsScript p = new PsScript(script);
        List<Statement> list = p.statements(false);
        p.blank(true);
        if (p.pos < p.src.length()) {
            throw p.error("unexpected '" + p.src.charAt(p.pos) + "'");
        }
        return list;
    }

    private ParseError error(String what) {
        return new ParseError("At line:" + line + " char:" + column() + " ParserError: " + what);
    }

    private int column() {
        int start = src.lastIndexOf('\n', Math.max(0, pos - 1));
        return pos - start;
    }

    private boolean more() {
        return pos < src.length();
    }

    private char peek() {
        return src.charAt(pos);
    }

    /** Skips blanks; new lines too when asked. */
    private void blank(boolean newlines) {
        while (more()) {
            char c = peek();
            if (c == ' ' || c == '\t' || (newlines && (c == '\r' || c == '\n'))) {
                if (c == '\n') {
                    line++;
                }
                pos++;
            } else {
                return;
            }
        }
    }

    private List<Statement> statements(boolean inBlock) {
        List<Statement> list = new ArrayList<>();
        while (true) {
            blank(true);
            while (more() && peek() == ';') {
                pos++;
                blank(true);
            }
            if (!more() || (inBlock && peek() == '}')) {
                return list;
            }
            list.add(statement());
            blank(false);
            if (more() && peek() != ';' && peek() != '\n' && peek() != '\r' && !(inBlock && peek() == '}')) {
                throw error("unexpected '" + peek() + "' after a statement");
            }
        }
    }

    private Statement statement() {
        if (src.startsWith("try", pos) && !isWordChar(at(pos + 3))) {
            pos += 3;
            blank(true);
            List<Statement> body = block().statements();
            blank(true);
            if (!(src.startsWith("catch", pos) && !isWordChar(at(pos + 5)))) {
                throw error("try without catch");
            }
            pos += 5;
            blank(true);
            return new Try(body, block().statements());
        }
        if (peek() == '$') {
            int save = pos;
            String var = variable();
            blank(false);
            if (more() && peek() == '=') {
                pos++;
                blank(false);
                return new Assign(var, value());
            }
            pos = save;
            throw error("a variable can only be assigned here");
        }
        List<Element> elements = new ArrayList<>();
        elements.add(element());
        while (true) {
            blank(false);
            if (more() && peek() == '|') {
                pos++;
                blank(true);
                Element e = element();
                if (!(e instanceof Command)) {
                    throw error("only a command can follow |");
                }
                elements.add(e);
            } else {
                return new Pipeline(elements);
            }
        }
    }

    private char at(int i) {
        return i < src.length() ? src.charAt(i) : '\0';
    }

    private Block block() {
        if (!more() || peek() != '{') {
            throw error("expected {");
        }
        pos++;
        List<Statement> list = statements(true);
        if (!more() || peek() != '}') {
            throw error("missing }");
        }
        pos++;
        return new Block(list);
    }

    private Element element() {
        if (!more()) {
            throw error("expected a command");
        }
        char c = peek();
        if (c == '@' && at(pos + 1) == '{') {
            return table();
        }
        if (PowerShell.isSingleQuote(c) || c == '(') {
            return new Literal(value());
        }
        if (Character.isLetter(c)) {
            return command();
        }
        throw error("unexpected '" + c + "'");
    }

    private Command command() {
        String name = word();
        if (!name.matches("[A-Za-z]+-[A-Za-z][A-Za-z0-9]*")) {
            throw error("'" + name + "' is not a command name");
        }
        List<Arg> args = new ArrayList<>();
        while (true) {
            blank(false);
            if (!more() || peek() != '-') {
                return new Command(name, args);
            }
            pos++;
            String param = word();
            if (param.isEmpty()) {
                throw error("a parameter has no name");
            }
            if (more() && peek() == ':') {
                pos++;
                Object v = value();
                if (!(v instanceof Boolean)) {
                    throw error("-" + param + ": takes only $true or $false here");
                }
                args.add(new Arg(param, v));
                continue;
            }
            blank(false);
            if (!more()
                    || peek() == '-'
                    || peek() == '|'
                    || peek() == ';'
                    || peek() == '}'
                    || peek() == '\n'
                    || peek() == '\r') {
                args.add(new Arg(param, null));
            } else {
                args.add(new Arg(param, value()));
            }
        }
    }

    private Table table() {
        pos += 2;
        Map<String, Object> entries = new LinkedHashMap<>();
        while (true) {
            blank(true);
            if (more() && peek() == '}') {
                pos++;
                return new Table(entries);
            }
            String key = word();
            if (key.isEmpty()) {
                throw error("a hashtable key is missing");
            }
            blank(false);
            if (!more() || peek() != '=') {
                throw error("expected = after " + key);
            }
            pos++;
            blank(false);
            if (src.startsWith("\"$_\"", pos)) {
                pos += 4;
                entries.put(key, ErrorText.INSTANCE);
            } else {
                entries.put(key, value());
            }
            blank(false);
            if (more() && peek() == ';') {
                pos++;
            }
        }
    }

    /** A value: a string (or concatenation), a number, $true/$false, or a script block. */
    private Object value() {
        if (!more()) {
            throw error("a value is missing");
        }
        char c = peek();
        if (PowerShell.isSingleQuote(c)) {
            return string();
        }
        if (c == '(' && Character.isLetter(at(pos + 1))) {
            return member();
        }
        if (c == '(') {
            return concatenation();
        }
        if (c == '{') {
            return block();
        }
        if (c == '$') {
            String v = variable();
            if (v.equalsIgnoreCase("true")) {
                return Boolean.TRUE;
            }
            if (v.equalsIgnoreCase("false")) {
                return Boolean.FALSE;
            }
            throw error("variable $" + v + " is not supported here");
        }
        if (Character.isDigit(c)) {
            String w = word();
            if (!w.matches("[0-9]+")) {
                throw error("'" + w + "' is not a number");
            }
            return Integer.valueOf(w);
        }
        throw error("unexpected '" + c + "' where a value belongs");
    }

    private Member member() {
        pos++;
        Command c = command();
        blank(false);
        if (!more() || peek() != ')') {
            throw error("missing ) after " + c.name());
        }
        pos++;
        if (more() && peek() == '.') {
            pos++;
            String property = word();
            if (property.isEmpty()) {
                throw error("a property name is missing");
            }
            return new Member(c, property);
        }
        return new Member(c, null);
    }

    private String concatenation() {
        pos++;
        StringBuilder sb = new StringBuilder();
        boolean first = true;
        while (true) {
            blank(false);
            if (!first) {
                if (more() && peek() == ')') {
                    pos++;
                    return sb.toString();
                }
                if (!more() || peek() != '+') {
                    throw error("expected + or )");
                }
                pos++;
                blank(false);
            }
            if (more() && PowerShell.isSingleQuote(peek())) {
                sb.append(string());
            } else if (src.startsWith("[char]0x", pos)) {
                pos += 8;
                int start = pos;
                while (more() && Character.digit(peek(), 16) >= 0) {
                    pos++;
                }
                if (pos == start || pos - start > 4) {
                    throw error("bad [char] code");
                }
                sb.append((char) Integer.parseInt(src.substring(start, pos), 16));
            } else {
                throw error("only strings and [char] codes may be joined");
            }
            first = false;
        }
    }

    /** A single-quoted string: any of the five quotes ends it unless another follows, which is kept. */
    private String string() {
        pos++;
        StringBuilder sb = new StringBuilder();
        while (true) {
            if (!more()) {
                throw error("the string is missing the terminator: '");
            }
            char c = src.charAt(pos++);
            if (c == '\n') {
                line++;
            }
            if (PowerShell.isSingleQuote(c)) {
                if (more() && PowerShell.isSingleQuote(peek())) {
                    sb.append(src.charAt(pos++));
                    continue;
                }
                return sb.toString();
            }
            sb.append(c);
        }
    }

    private String variable() {
        pos++;
        int start = pos;
        while (more() && (isWordChar(peek()))) {
            pos++;
        }
        if (pos == start) {
            throw error("a variable has no name");
        }
        return src.substring(start, pos);
    }

    private String word() {
        int start = pos;
        while (more() && (isWordChar(peek()) || peek() == '-' && pos > start)) {
            pos++;
        }
        return src.substring(start, pos);
    }

    private static boolean isWordChar(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_';
    }
}
