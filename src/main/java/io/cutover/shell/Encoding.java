package io.cutover.shell;

/** How a script's values are written for the shell that reads it. */
public enum Encoding {
    /**
     * Pure ASCII: the safe choice for {@code powershell.exe -Command -}, which decodes standard
     * input with the console code page. Non-ASCII characters travel as {@code [char]} code points.
     */
    ASCII,
    /**
     * UTF-8 literals (line breaks and control characters still as {@code [char]} codes), for a
     * shell or wrapper that reads standard input as UTF-8 (e.g. pwsh).
     */
    UTF8;

    String value(String v) {
        return this == ASCII ? PowerShell.asciiExpression(v) : PowerShell.unicodeExpression(v);
    }
}
