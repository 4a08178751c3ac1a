package io.cutover.csv;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Reads one CSV file row by row (the inventory folder's files, the result rows a runbook writes),
 * as Export-Csv writes it and as people's tools really emit it: a UTF-8 byte order mark or none, an optional {@code #TYPE} first line, CRLF or LF,
 * quoted or unquoted fields, extra columns (ignored) and columns in any order. Streaming: one
 * record in memory at a time, and a record is bounded, so an unclosed quote cannot swallow a whole
 * file into memory. Every error names the file, the line and, where there is one, the column.
 */
public final class CsvReader {
    /** Longest record accepted; real rows are a few hundred characters. */
    public static final int MAX_RECORD = 64 * 1024;
    /** Largest file accepted: far above any real deployment (200,000 users are about 80 MB). */
    public static final long MAX_FILE = 1L << 30;

    private final Path file;
    private final String name;
    private final long maxFile;
    private final Map<String, Integer> resolved = new HashMap<>();

    /** A reader whose errors name the file by its file name alone. */
    public CsvReader(Path file) {
        this(file, file.getFileName().toString());
    }

    /** A reader whose errors name the file as {@code name} (say, the path as the user gave it). */
    public CsvReader(Path file, String name) {
        this(file, name, MAX_FILE);
    }

    /** A reader that refuses, before reading, a file larger than {@code maxFile} bytes. */
    public CsvReader(Path file, String name, long maxFile) {
        this.file = file;
        this.name = name;
        this.maxFile = maxFile;
    }

    /** One data row: values by column name (case-insensitive), and where it came from. */
    public final class Row {
        private final Map<String, Integer> columns;
        private final List<String> values;
        private final int line;

        private Row(Map<String, Integer> columns, List<String> values, int line) {
            this.columns = columns;
            this.values = values;
            this.line = line;
        }

        /** The value, or null when the column is absent or the field empty (empty = absent). */
        public String get(String column) {
            String raw = raw(column);
            if (raw == null) {
                return null;
            }
            String v = raw.trim();
            return v.isEmpty() ? null : v;
        }

        /** The field exactly as written (spaces kept, empty as ""), or null when the column is absent. */
        public String raw(String column) {
            // Callers ask by a constant name: resolve it once per file, not once per row.
            Integer i = resolved.computeIfAbsent(column, c -> columns.getOrDefault(c.toLowerCase(Locale.ROOT), -1));
            return i < 0 || i >= values.size() ? null : values.get(i);
        }

        public String required(String column) {
            String v = get(column);
            if (v == null) {
                throw error(column, "is empty; every row needs one");
            }
            return v;
        }

        /** True/False in any case; absent is false. */
        public boolean bool(String column) {
            String v = get(column);
            if (v == null) {
                return false;
            }
            if (v.equalsIgnoreCase("true")) {
                return true;
            }
            if (v.equalsIgnoreCase("false")) {
                return false;
            }
            throw error(column, "expected True or False, found '" + v + "'");
        }

        public int integer(String column) {
            String v = required(column);
            try {
                return Integer.parseInt(v);
            } catch (NumberFormatException e) {
                throw error(column, "expected a whole number, found '" + v + "'");
            }
        }

        /** The line the row starts on, counted from 1. */
        public int line() {
            return line;
        }

        /** A BAD_INPUT error naming the file, this row's line and {@code column}. */
        public CutoverException error(String column, String what) {
            return new CutoverException(ErrorCode.BAD_INPUT, name + ":" + line + ": column " + column + " " + what);
        }
    }

    /**
     * Streams the data rows to {@code sink}.
     *
     * @param required the columns the header must have
     * @return false when the file holds no header row at all (Export-Csv given no rows writes none)
     * @throws CutoverException BAD_INPUT naming file, line and column
     */
    public boolean read(List<String> required, Consumer<Row> sink) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            // A bare file name says little on its own: name the directory it was looked for in.
            String where = name.equals(file.toString()) ? "" : " in " + file.getParent();
            throw new CutoverException(ErrorCode.BAD_INPUT, name + ": no such file" + where);
        } catch (IOException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, name + ": cannot read: " + e.getMessage());
        }
        if (size > maxFile) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    name + ": " + size + " bytes, more than the " + maxFile
                            + " this reader accepts; refused before reading");
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        try (java.io.Reader in = new InputStreamReader(Files.newInputStream(file), utf8)) {
            return new Parser(in).run(required, sink);
        } catch (CharacterCodingException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, name + ": not UTF-8 text (" + e.getMessage() + ")");
        } catch (IOException e) {
            throw new CutoverException(ErrorCode.BAD_INPUT, name + ": cannot read: " + e.getMessage());
        }
    }

    private final class Parser {
        private final java.io.Reader in;
        // Our own buffer: Reader.read() per character takes a lock each call, which dominates at
        // 200,000 rows.
        private final char[] buffer = new char[1 << 16];
        private int position;
        private int limit;
        private int line = 1;

        Parser(java.io.Reader in) {
            this.in = in;
        }

        private boolean fill() throws IOException {
            if (position < limit) {
                return true;
            }
            int n = in.read(buffer, 0, buffer.length);
            if (n <= 0) {
                return false;
            }
            position = 0;
            limit = n;
            return true;
        }

        private int next() throws IOException {
            return fill() ? buffer[position++] : -1;
        }

        private int peek() throws IOException {
            return fill() ? buffer[position] : -1;
        }

        boolean run(List<String> required, Consumer<Row> sink) throws IOException {
            if (peek() == '\uFEFF') {
                next();
            }
            List<String> header = record();
            if (header != null && header.size() == 1 && header.get(0).startsWith("#TYPE")) {
                header = record();
            }
            while (header != null && isBlank(header)) {
                header = record();
            }
            if (header == null) {
                // Export-Csv writes nothing at all when it is given no rows: an empty file has none.
                return false;
            }
            ControlRefusal.check(name, headerLine, null, header);
            Map<String, Integer> columns = new HashMap<>();
            for (int i = 0; i < header.size(); i++) {
                columns.putIfAbsent(header.get(i).trim().toLowerCase(Locale.ROOT), i);
            }
            for (String c : required) {
                if (!columns.containsKey(c.toLowerCase(Locale.ROOT))) {
                    throw new CutoverException(
                            ErrorCode.BAD_INPUT,
                            name + ":" + headerLine + ": no " + c + " column; the header has "
                                    + String.join(",", header));
                }
            }
            width = header.size();
            List<String> values;
            while (true) {
                int at = line;
                values = record();
                if (values == null) {
                    return true;
                }
                if (isBlank(values)) {
                    continue;
                }
                if (values.size() != width) {
                    throw new CutoverException(
                            ErrorCode.BAD_INPUT,
                            name + ":" + at + ": " + values.size() + " fields where the header has " + width
                                    + " columns; a malformed row (an unquoted comma or a missing quote?)");
                }
                ControlRefusal.check(name, at, header, values);
                sink.accept(new Row(columns, values, at));
            }
        }

        private int headerLine = 1;
        private int width = 16;
        private final StringBuilder field = new StringBuilder(256);

        private boolean blank(StringBuilder b) {
            for (int i = 0; i < b.length(); i++) {
                if (!Character.isWhitespace(b.charAt(i))) {
                    return false;
                }
            }
            return true;
        }

        private boolean isBlank(List<String> values) {
            return values.size() == 1 && values.get(0).isBlank();
        }

        /** The next record's fields, or null at the end of the file. */
        private List<String> record() throws IOException {
            int start = line;
            headerLine = start;
            if (peek() == -1) {
                return null;
            }
            List<String> fields = new ArrayList<>(width);
            StringBuilder field = this.field;
            field.setLength(0);
            int length = 0;
            while (true) {
                if (fill() && field.length() > 0) {
                    // Inside an unquoted field: copy up to the next delimiter in one go.
                    int from = position;
                    while (position < limit
                            && buffer[position] != ','
                            && buffer[position] != '\n'
                            && buffer[position] != '\r'
                            && buffer[position] != '"') {
                        position++;
                    }
                    int run = position - from;
                    if (run > 0) {
                        length += run;
                        if (length > MAX_RECORD) {
                            throw tooLong(start);
                        }
                        field.append(buffer, from, run);
                        continue;
                    }
                }
                int c = next();
                if (++length > MAX_RECORD) {
                    throw tooLong(start);
                }
                if (c == -1) {
                    fields.add(field.length() == 0 ? "" : field.toString());
                    return fields;
                }
                if (c == '"' && blank(field)) {
                    field.setLength(0);
                    length = quoted(field, start, length);
                    int after = peek();
                    while (after == ' ' || after == '\t') {
                        next();
                        after = peek();
                    }
                    if (after != ',' && after != '\r' && after != '\n' && after != -1) {
                        throw new CutoverException(
                                ErrorCode.BAD_INPUT,
                                name + ":" + line + ": column " + (fields.size() + 1)
                                        + ": text after a closing quote; a quote inside a field must be doubled (\"\")");
                    }
                    continue;
                }
                if (c == ',') {
                    fields.add(field.length() == 0 ? "" : field.toString());
                    field.setLength(0);
                } else if (c == '\r' || c == '\n') {
                    if (c == '\r' && peek() == '\n') {
                        next();
                    }
                    line++;
                    fields.add(field.length() == 0 ? "" : field.toString());
                    return fields;
                } else {
                    field.append((char) c);
                }
            }
        }

        private CutoverException tooLong(int start) {
            return new CutoverException(
                    ErrorCode.BAD_INPUT,
                    name + ":" + start + ": a row longer than " + MAX_RECORD
                            + " characters (an unclosed quote?); refused");
        }

        private int quoted(StringBuilder field, int start, int length) throws IOException {
            while (true) {
                // Copy the run of ordinary characters in one go: most fields are nothing else.
                if (fill()) {
                    int from = position;
                    while (position < limit
                            && buffer[position] != '"'
                            && buffer[position] != '\n'
                            && buffer[position] != '\r') {
                        position++;
                    }
                    int run = position - from;
                    if (run > 0) {
                        length += run;
                        if (length > MAX_RECORD) {
                            throw tooLong(start);
                        }
                        field.append(buffer, from, run);
                        continue;
                    }
                }
                int c = next();
                if (++length > MAX_RECORD) {
                    throw tooLong(start);
                }
                if (c == -1) {
                    throw new CutoverException(
                            ErrorCode.BAD_INPUT, name + ":" + start + ": a quoted field is never closed");
                }
                if (c == '"') {
                    if (peek() == '"') {
                        next();
                        field.append('"');
                    } else {
                        return length;
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    } else if (c == '\r') {
                        line++;
                        if (peek() == '\n') {
                            field.append('\r');
                            c = next();
                        }
                    }
                    field.append((char) c);
                }
            }
        }
    }
}
