package io.cutover.cli;

import io.cutover.ControlCharacters;
import java.io.FilterWriter;
import java.io.IOException;
import java.io.Writer;

/**
 * What the command line prints, neutralised on its way to the terminal: every control character
 * but the line break and the tab is written as {@code \}{@code uXXXX}, whichever value it came
 * from, so inventory data cannot drive the terminal. JSON stays valid and means the same, since
 * the escape is JSON's own and Jackson already escapes everything below a space.
 */
final class TerminalText extends FilterWriter {
    private static final String KEEP = "\n\t";

    TerminalText(Writer out) {
        super(out);
    }

    @Override
    public void write(int c) throws IOException {
        write(String.valueOf((char) c), 0, 1);
    }

    @Override
    public void write(char[] chars, int off, int len) throws IOException {
        write(new String(chars, off, len), 0, len);
    }

    @Override
    public void write(String text, int off, int len) throws IOException {
        out.write(ControlCharacters.escape(text.substring(off, off + len), KEEP));
    }
}
