package io.cutover.shell;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds the command invocations of a PowerShell script, as PowerShell would tokenize them: groups
 * ({@code ( ) $( ) @( ) @{ } { } [ ]}), quoted strings with their {@code $( )} parts, comments,
 * parameters ({@code -Name}, {@code -Name:value}), pipelines and statement ends. Invocations nested
 * in script blocks, subexpressions and hashtables are found too; so are those written in
 * {@code # Undo:} comments, marked as such. Functions the script defines are left out.
 *
 * <p>A call inside {@code if (Get-Command -Name X ...) { ... }} is marked as guarded by X: the
 * script only makes it where the shell has that cmdlet.
 */
final class PsInvocations {
    enum Kind {
        NL,
        SEMI,
        PIPE,
        ANDAND,
        OROR,
        AMP,
        COMMA,
        OP,
        ASSIGN,
        PARAM,
        VAR,
        SPLAT,
        STR,
        NUM,
        WORD,
        REDIR,
        GROUP
    }

    static final class Tok {
        final Kind kind;
        String text;
        final int line;
        final boolean space;
        String open;
        List<Tok> children;
        final List<List<Tok>> subs = new ArrayList<>();

        Tok(Kind kind, String text, int line, boolean space) {
            this.kind = kind;
            this.text = text;
            this.line = line;
            this.space = space;
        }
    }

    /** One call: the command, its arguments grouped in units, whether it is first in its pipeline. */
    record Invocation(
            String name, int line, boolean first, List<List<Tok>> units, boolean inComment, Set<String> guards) {}

    static final class ParseError extends RuntimeException {
        ParseError(String message) {
            super(message);
        }
    }

    private static final Set<String> KEYWORDS = Set.of(
            "if",
            "elseif",
            "else",
            "switch",
            "foreach",
            "for",
            "while",
            "do",
            "until",
            "try",
            "catch",
            "finally",
            "function",
            "filter",
            "workflow",
            "param",
            "begin",
            "process",
            "end",
            "return",
            "throw",
            "break",
            "continue",
            "exit",
            "trap",
            "data",
            "dynamicparam",
            "in",
            "class",
            "enum",
            "using",
            "configuration");
    private static final String SINGLE = "'\u2018\u2019\u201a\u201b";
    private static final String DOUBLE = "\"\u201c\u201d\u201e";
    private static final String DASHES = "-\u2013\u2014\u2015";
    private static final String SPECIAL = "(){}[];|&,\n\r\t \"'`$@#<>=" + SINGLE + DOUBLE;
    private static final Pattern PARAM =
            Pattern.compile(".[^\\s(){}\\[\\];|&,:'\"`$@\u2018\u2019\u201a\u201b\u201c\u201d\u201e]*:?");
    private static final Pattern VAR = Pattern.compile("\\$(?:[\\w]+:)?[\\w?]*|\\$[$^?_]");
    private static final Pattern NUM = Pattern.compile("0x[0-9a-fA-F]+[lL]?|[\\d.]+(?:[eE][+-]?\\d+)?[a-zA-Z]{0,2}");
    private static final Pattern REDIR = Pattern.compile("[1-6*]?>>?(?:&[12])?|<");
    private static final Pattern SPLAT = Pattern.compile("@([\\w:?]+)");
    private static final Pattern UNDO =
            Pattern.compile("(?:^\\s*|Undo:\\s*)([A-Za-z]+-Cs[A-Za-z0-9]+\\b.*)$", Pattern.CASE_INSENSITIVE);

    private final String s;
    private int i;
    private int line = 1;
    private final List<int[]> commentLines = new ArrayList<>();
    private final List<String> commentTexts = new ArrayList<>();

    private PsInvocations(String src) {
        this.s = src.startsWith("\uFEFF") ? src.substring(1) : src;
    }

    /** Every invocation of the script, code and (when asked) {@code Undo:} comments, in line order. */
    static List<Invocation> of(String script, boolean comments) {
        PsInvocations lx = new PsInvocations(script);
        List<Tok> toks = lx.tokens(null);
        Walker w = new Walker();
        w.walk(toks, false, Set.of());
        List<Invocation> all = new ArrayList<>();
        for (Invocation inv : w.invocations) {
            if (!w.functions.contains(inv.name().toLowerCase(Locale.ROOT))) {
                all.add(inv);
            }
        }
        if (comments) {
            for (int k = 0; k < lx.commentTexts.size(); k++) {
                Matcher m = UNDO.matcher(lx.commentTexts.get(k));
                if (!m.find()) {
                    continue;
                }
                try {
                    Walker cw = new Walker();
                    cw.walk(new PsInvocations(m.group(1)).tokens(null), false, Set.of());
                    int at = lx.commentLines.get(k)[0];
                    cw.invocations.forEach(
                            v -> all.add(new Invocation(v.name(), at, v.first(), v.units(), true, v.guards())));
                } catch (ParseError e) {
                    // A comment that is not code: nothing to check.
                }
            }
        }
        all.sort(java.util.Comparator.comparingInt(Invocation::line));
        return all;
    }

    private char peek(int k) {
        int j = i + k;
        return j < s.length() ? s.charAt(j) : '\0';
    }

    private void adv(int n) {
        for (int k = 0; k < n && i < s.length(); k++) {
            if (s.charAt(i) == '\n') {
                line++;
            }
            i++;
        }
    }

    private List<Tok> tokens(Character closer) {
        List<Tok> out = new ArrayList<>();
        boolean space = true;
        while (true) {
            char c = peek(0);
            if (i >= s.length()) {
                if (closer != null) {
                    throw new ParseError("line " + line + ": missing " + closer);
                }
                return out;
            }
            if (" \t\f\u000b\u00a0\ufeff".indexOf(c) >= 0) {
                adv(1);
                space = true;
                continue;
            }
            if (c == '`' && (peek(1) == '\n' || peek(1) == '\r')) {
                adv(1);
                if (peek(0) == '\r') {
                    adv(1);
                }
                if (peek(0) == '\n') {
                    adv(1);
                }
                space = true;
                continue;
            }
            if (c == '#' && (space || out.isEmpty())) {
                int j = s.indexOf('\n', i);
                j = j < 0 ? s.length() : j;
                commentLines.add(new int[] {line});
                commentTexts.add(s.substring(i + 1, j).replace("\r", ""));
                adv(j - i);
                continue;
            }
            if (c == '<' && peek(1) == '#') {
                int j = s.indexOf("#>", i + 2);
                if (j < 0) {
                    throw new ParseError("line " + line + ": unterminated <# comment");
                }
                int start = line;
                String[] lines = s.substring(i + 2, j).split("\n", -1);
                for (int k = 0; k < lines.length; k++) {
                    commentLines.add(new int[] {start + k});
                    commentTexts.add(lines[k].replace("\r", ""));
                }
                adv(j + 2 - i);
                space = true;
                continue;
            }
            int at = line;
            if (closer != null && c == closer) {
                adv(1);
                return out;
            }
            if (c == ')' || c == '}' || c == ']') {
                throw new ParseError("line " + at + ": unexpected " + c);
            }
            if (c == '\r' || c == '\n') {
                adv(1);
                if (c == '\r' && peek(0) == '\n') {
                    adv(1);
                }
                out.add(new Tok(Kind.NL, "\n", at, true));
                space = true;
                continue;
            }
            out.add(one(c, at, space));
            space = false;
        }
    }

    private Tok group(String open, char closer, int at, boolean space) {
        Tok t = new Tok(Kind.GROUP, open, at, space);
        t.open = open;
        adv(open.length());
        t.children = tokens(closer);
        return t;
    }

    private Tok matched(Kind kind, Pattern p, int at, boolean space) {
        Matcher m = p.matcher(s);
        m.region(i, s.length());
        if (!m.lookingAt()) {
            throw new ParseError("line " + at + ": cannot read " + kind);
        }
        String text = m.group();
        adv(text.length());
        return new Tok(kind, text, at, space);
    }

    private Tok one(char c, int at, boolean space) {
        char nxt = peek(1);
        switch (c) {
            case '(':
                return group("(", ')', at, space);
            case '{':
                return group("{", '}', at, space);
            case '[':
                return group("[", ']', at, space);
            default:
                break;
        }
        if (c == '$' && nxt == '(') {
            return group("$(", ')', at, space);
        }
        if (c == '@' && nxt == '(') {
            return group("@(", ')', at, space);
        }
        if (c == '@' && nxt == '{') {
            return group("@{", '}', at, space);
        }
        if (c == '@' && (Character.isLetterOrDigit(nxt) || "_?:".indexOf(nxt) >= 0)) {
            Tok t = matched(Kind.SPLAT, SPLAT, at, space);
            t.text = t.text.substring(1);
            return t;
        }
        if (SINGLE.indexOf(c) >= 0) {
            return singleQuoted(at, space);
        }
        if (DOUBLE.indexOf(c) >= 0) {
            return doubleQuoted(at, space);
        }
        if (c == '$') {
            if (nxt == '{') {
                int j = s.indexOf('}', i);
                String text = s.substring(i, j + 1);
                adv(text.length());
                return new Tok(Kind.VAR, text, at, space);
            }
            Matcher m = VAR.matcher(s);
            m.region(i, s.length());
            String text = m.lookingAt() && m.group().length() > 1 ? m.group() : "$";
            adv(text.length());
            return new Tok(Kind.VAR, text, at, space);
        }
        if (c == ';') {
            adv(1);
            return new Tok(Kind.SEMI, ";", at, space);
        }
        if (c == '|') {
            adv(nxt == '|' ? 2 : 1);
            return new Tok(nxt == '|' ? Kind.OROR : Kind.PIPE, "|", at, space);
        }
        if (c == '&') {
            adv(nxt == '&' ? 2 : 1);
            return new Tok(nxt == '&' ? Kind.ANDAND : Kind.AMP, "&", at, space);
        }
        if (c == ',') {
            adv(1);
            return new Tok(Kind.COMMA, ",", at, space);
        }
        if (c == '<' || c == '>' || ("123456*".indexOf(c) >= 0 && nxt == '>')) {
            return matched(Kind.REDIR, REDIR, at, space);
        }
        if (c == '=' || ("+-*/%".indexOf(c) >= 0 && nxt == '=' && peek(2) != '=')) {
            String text = c == '=' ? (nxt == '=' ? "==" : "=") : c + "=";
            adv(text.length());
            return new Tok(Kind.ASSIGN, text, at, space);
        }
        if (DASHES.indexOf(c) >= 0 && (Character.isLetter(nxt) || nxt == '_' || nxt == '?')) {
            return matched(Kind.PARAM, PARAM, at, space);
        }
        if (Character.isDigit(c) || (c == '.' && Character.isDigit(nxt))) {
            return matched(Kind.NUM, NUM, at, space);
        }
        if ("+-*/%!.:".indexOf(c) >= 0 && !((c == '.' || c == ':') && (Character.isLetter(nxt) || nxt == ':'))) {
            String text = c == '.' && nxt == '.' ? ".." : String.valueOf(c);
            adv(text.length());
            return new Tok(Kind.OP, text, at, space);
        }
        StringBuilder buf = new StringBuilder();
        int j = i;
        while (j < s.length()) {
            char ch = s.charAt(j);
            if (ch == '`' && j + 1 < s.length() && s.charAt(j + 1) != '\r' && s.charAt(j + 1) != '\n') {
                buf.append(s.charAt(j + 1));
                j += 2;
                continue;
            }
            if (SPECIAL.indexOf(ch) >= 0) {
                break;
            }
            buf.append(ch);
            j++;
        }
        if (j == i) {
            adv(1);
            return new Tok(Kind.OP, String.valueOf(c), at, space);
        }
        adv(j - i);
        return new Tok(Kind.WORD, buf.toString(), at, space);
    }

    private Tok singleQuoted(int at, boolean space) {
        int j = i + 1;
        StringBuilder buf = new StringBuilder();
        while (true) {
            if (j >= s.length()) {
                throw new ParseError("line " + at + ": unterminated string");
            }
            char ch = s.charAt(j);
            if (SINGLE.indexOf(ch) >= 0) {
                if (j + 1 < s.length() && SINGLE.indexOf(s.charAt(j + 1)) >= 0) {
                    buf.append(s.charAt(j + 1));
                    j += 2;
                    continue;
                }
                j++;
                break;
            }
            buf.append(ch);
            j++;
        }
        adv(j - i);
        return new Tok(Kind.STR, buf.toString(), at, space);
    }

    private Tok doubleQuoted(int at, boolean space) {
        Tok t = new Tok(Kind.STR, "", at, space);
        adv(1);
        StringBuilder buf = new StringBuilder();
        while (true) {
            if (i >= s.length()) {
                throw new ParseError("line " + at + ": unterminated string");
            }
            char ch = peek(0);
            if (ch == '`') {
                buf.append(peek(1));
                adv(2);
                continue;
            }
            if (DOUBLE.indexOf(ch) >= 0) {
                if (DOUBLE.indexOf(peek(1)) >= 0) {
                    buf.append(ch);
                    adv(2);
                    continue;
                }
                adv(1);
                break;
            }
            if (ch == '$' && peek(1) == '(') {
                t.subs.add(group("$(", ')', line, false).children);
                buf.append("$(...)");
                continue;
            }
            buf.append(ch);
            adv(1);
        }
        t.text = buf.toString();
        return t;
    }

    private static boolean ends(Kind k) {
        return k == Kind.NL || k == Kind.SEMI || k == Kind.PIPE || k == Kind.ANDAND || k == Kind.OROR;
    }

    /** Walks a token tree, collecting invocations. */
    private static final class Walker {
        final List<Invocation> invocations = new ArrayList<>();
        final Set<String> functions = new HashSet<>();

        void walk(List<Tok> seq, boolean hashtable, Set<String> guards) {
            boolean cmdpos = true;
            boolean key = hashtable;
            boolean first = true;
            int n = seq.size();
            int i = 0;
            while (i < n) {
                Tok t = seq.get(i);
                if (t.kind == Kind.NL || t.kind == Kind.SEMI) {
                    cmdpos = true;
                    first = true;
                    key = hashtable;
                    i++;
                    continue;
                }
                if (t.kind == Kind.PIPE || t.kind == Kind.ANDAND || t.kind == Kind.OROR) {
                    cmdpos = true;
                    first = t.kind != Kind.PIPE;
                    i++;
                    continue;
                }
                if (hashtable && key) {
                    if (t.kind == Kind.ASSIGN) {
                        key = false;
                        cmdpos = true;
                        first = true;
                    } else {
                        nested(t, guards);
                    }
                    i++;
                    continue;
                }
                if (cmdpos && t.kind == Kind.WORD && KEYWORDS.contains(t.text.toLowerCase(Locale.ROOT))) {
                    String kw = t.text.toLowerCase(Locale.ROOT);
                    i++;
                    if (kw.equals("if")
                            && i + 1 < n
                            && seq.get(i).kind == Kind.GROUP
                            && seq.get(i + 1).kind == Kind.GROUP) {
                        // if (Get-Command -Name X ...) { ... }: the block runs only where X exists.
                        Set<String> inner = new HashSet<>(guards);
                        String guarded = guardOf(seq.get(i));
                        if (guarded != null) {
                            inner.add(guarded.toLowerCase(Locale.ROOT));
                        }
                        nested(seq.get(i), guards);
                        nested(seq.get(i + 1), inner);
                        i += 2;
                        cmdpos = false;
                        continue;
                    }
                    if (Set.of("function", "filter", "workflow", "configuration")
                                    .contains(kw)
                            && i < n
                            && seq.get(i).kind == Kind.WORD) {
                        functions.add(seq.get(i).text.toLowerCase(Locale.ROOT));
                        i++;
                        cmdpos = false;
                    } else {
                        cmdpos = Set.of(
                                        "return", "throw", "exit", "else", "try", "finally", "do", "begin", "process",
                                        "end")
                                .contains(kw);
                    }
                    continue;
                }
                if (cmdpos && t.kind == Kind.AMP) {
                    i++;
                    if (i < n && (seq.get(i).kind == Kind.WORD || seq.get(i).kind == Kind.STR)) {
                        i = command(seq, i, first, guards);
                        cmdpos = false;
                        first = false;
                    }
                    continue;
                }
                if (cmdpos && t.kind == Kind.WORD && !t.text.startsWith(".") && !t.text.startsWith(":")) {
                    i = command(seq, i, first, guards);
                    cmdpos = false;
                    first = false;
                    continue;
                }
                if (t.kind == Kind.ASSIGN) {
                    cmdpos = true;
                    first = true;
                    i++;
                    continue;
                }
                nested(t, guards);
                cmdpos = false;
                i++;
            }
        }

        /** X of a condition {@code (Get-Command -Name X ...)}, else null. */
        private static String guardOf(Tok cond) {
            List<Tok> c = cond.children;
            if (c.size() >= 3
                    && c.get(0).kind == Kind.WORD
                    && c.get(0).text.equalsIgnoreCase("Get-Command")
                    && c.get(1).kind == Kind.PARAM
                    && c.get(1).text.equalsIgnoreCase("-Name")
                    && (c.get(2).kind == Kind.WORD || c.get(2).kind == Kind.STR)) {
                return c.get(2).text;
            }
            return null;
        }

        void nested(Tok t, Set<String> guards) {
            if (t.kind == Kind.GROUP) {
                walk(t.children, "@{".equals(t.open), guards);
            }
            for (List<Tok> sub : t.subs) {
                walk(sub, false, guards);
            }
        }

        int command(List<Tok> seq, int i, boolean first, Set<String> guards) {
            Tok name = seq.get(i);
            int j = i + 1;
            int n = seq.size();
            List<List<Tok>> units = new ArrayList<>();
            while (j < n && !ends(seq.get(j).kind)) {
                Tok t = seq.get(j);
                if (t.kind == Kind.REDIR) {
                    j++;
                    if (j < n && !ends(seq.get(j).kind) && seq.get(j).kind != Kind.REDIR) {
                        j++;
                    }
                    continue;
                }
                if (t.space || units.isEmpty()) {
                    units.add(new ArrayList<>(List.of(t)));
                } else {
                    units.get(units.size() - 1).add(t);
                }
                nested(t, guards);
                j++;
            }
            List<List<Tok>> merged = new ArrayList<>();
            for (List<Tok> u : units) {
                List<Tok> last = merged.isEmpty() ? null : merged.get(merged.size() - 1);
                if (last != null && (u.get(0).kind == Kind.COMMA || last.get(last.size() - 1).kind == Kind.COMMA)) {
                    last.addAll(u);
                } else {
                    merged.add(u);
                }
            }
            invocations.add(new Invocation(name.text, name.line, first, merged, false, guards));
            return j;
        }
    }
}
