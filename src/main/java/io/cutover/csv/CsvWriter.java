package io.cutover.csv;

import io.cutover.ControlCharacters;
import java.util.Arrays;
import java.util.List;

/**
 * Writes CSV rows as text, CRLF after each, in one of two dialects; no I/O, so that a renderer can
 * use it and a caller streaming a file writes what it {@linkplain #take() takes}. The product's
 * reader ({@link CsvReader}) reads both dialects back.
 */
public final class CsvWriter {
    /** How a file begins and how its fields are quoted. */
    public enum Dialect {
        /**
         * As {@code Export-Csv -NoTypeInformation -Encoding UTF8} writes: a byte order mark first,
         * every field double-quoted. Byte for byte what the collect script leaves in a folder.
         */
        EXPORT_CSV,
        /**
         * RFC 4180 for spreadsheets: no byte order mark, a field quoted only when it holds a comma,
         * a quote or a line break, and a value starting with {@code = + - @} prefixed with
         * {@code '} so that a spreadsheet shows it as text instead of evaluating it.
         */
        SPREADSHEET
    }

    private final StringBuilder text = new StringBuilder(1024);
    private final Dialect dialect;
    private boolean started;

    public CsvWriter(Dialect dialect) {
        this.dialect = dialect;
    }

    /** Writes one row; a null field is written as an empty one. */
    public CsvWriter row(String... fields) {
        return row(Arrays.asList(fields));
    }

    /** Writes one row; a null field is written as an empty one. */
    public CsvWriter row(List<String> fields) {
        if (!started && dialect == Dialect.EXPORT_CSV) {
            text.append('\uFEFF');
        }
        started = true;
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                text.append(',');
            }
            text.append(field(dialect, fields.get(i)));
        }
        text.append("\r\n");
        return this;
    }

    /**
     * The text written since the last take, which is then forgotten: a caller streams a large file
     * by taking after each row, or takes a small one whole at the end.
     */
    public String take() {
        String s = text.toString();
        text.setLength(0);
        return s;
    }

    /** One field as {@code dialect} writes it. */
    static String field(Dialect dialect, String value) {
        // Controls other than line breaks and tabs are escaped: the reader refuses them, and a
        // spreadsheet or a terminal showing the file would act on them.
        String s = value == null ? "" : ControlCharacters.escape(value, "\t\r\n");
        if (dialect == Dialect.EXPORT_CSV) {
            return '"' + doubleQuotes(s) + '"';
        }
        // A leading = + - @ would make a spreadsheet evaluate the cell; a quote keeps it text.
        String v = !s.isEmpty() && "=+-@".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
        if (v.indexOf(',') >= 0 || v.indexOf('"') >= 0 || v.indexOf('\n') >= 0 || v.indexOf('\r') >= 0) {
            return '"' + doubleQuotes(v) + '"';
        }
        return v;
    }

    private static String doubleQuotes(String s) {
        return s.indexOf('"') >= 0 ? s.replace("\"", "\"\"") : s;
    }
}
