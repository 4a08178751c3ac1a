package io.cutover.csv;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.util.List;

/**
 * Refuses a record holding a NUL or another control character (C0 but the tab and line breaks,
 * DEL, C1): no tool writes one into a real inventory, and stored, it would reach a terminal, a
 * report or a script later. Refused at import, naming the file, the line and the column.
 */
final class ControlRefusal {
    private ControlRefusal() {}

    /**
     * @param header the column names, or null while reading the header itself
     * @throws CutoverException BAD_INPUT when a field holds a control character
     */
    static void check(String file, int line, List<String> header, List<String> fields) {
        for (int i = 0; i < fields.size(); i++) {
            String v = fields.get(i);
            for (int at = 0; at < v.length(); at++) {
                char c = v.charAt(at);
                if (Character.getType(c) == Character.CONTROL && c != '\t' && c != '\r' && c != '\n') {
                    String column =
                            header != null && i < header.size() ? header.get(i).trim() : "#" + (i + 1);
                    throw new CutoverException(
                            ErrorCode.BAD_INPUT,
                            file + ":" + line + ": column " + column + ": control character "
                                    + String.format("U+%04X", (int) c) + " at character " + (at + 1)
                                    + "; refused (no inventory value holds one)");
                }
            }
        }
    }
}
