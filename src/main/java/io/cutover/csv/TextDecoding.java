package io.cutover.csv;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The one decoding rule for every file of an inventory folder, topology.xml included: UTF-8 with or
 * without a byte order mark, or UTF-16 little or big endian with one (what Windows PowerShell 5.1's
 * {@code Out-File}, {@code >} and {@code Export-Csv -Encoding Unicode} write). The byte order mark
 * picks the encoding and is not part of the text. Bytes not valid in that encoding, and UTF-16
 * without a byte order mark (its first two bytes a NUL and an ASCII one), are refused as
 * {@link ErrorCode#BAD_INPUT} naming the file, the line and how to export it again.
 */
public final class TextDecoding extends Reader {
    /** What an admin runs to write a file this rule reads; named in every refusal. */
    public static final String REEXPORT = "export it again as UTF-8 (Export-Csv -NoTypeInformation -Encoding UTF8,"
            + " Out-File -Encoding UTF8) or run the script of `cutover collect-script` again";

    private final InputStream in;
    private final String name;
    private final ByteBuffer bytes = ByteBuffer.allocate(1 << 16);
    private CharsetDecoder decoder;
    private boolean eof;
    private boolean flushed;
    private int line = 1;

    private TextDecoding(InputStream in, String name) {
        this.in = in;
        this.name = name;
        bytes.limit(0);
    }

    /**
     * A reader of {@code in}'s text, its encoding told by its first bytes.
     *
     * @param name the file as errors name it
     */
    public static Reader open(InputStream in, String name) {
        return new TextDecoding(in, name);
    }

    /** The refusal for text that is not what the rule reads, at {@code line}. */
    public static CutoverException refused(String name, int line, String what) {
        return new CutoverException(ErrorCode.BAD_INPUT, name + ":" + line + ": " + what + "; " + REEXPORT);
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (flushed) {
            return -1;
        }
        if (decoder == null) {
            decoder = decoderForMark();
        }
        CharBuffer out = CharBuffer.wrap(buf, off, len);
        while (out.position() == off) {
            CoderResult r = decoder.decode(bytes, out, eof);
            if (r.isError()) {
                count(buf, off, out.position());
                throw refused(
                        name,
                        line,
                        "bytes that are not valid " + decoder.charset().name() + " text");
            }
            if (r.isUnderflow()) {
                if (eof) {
                    decoder.flush(out);
                    flushed = true;
                    break;
                }
                refill();
            }
        }
        int n = out.position() - off;
        if (n == 0) {
            return -1;
        }
        count(buf, off, out.position());
        return n;
    }

    private void count(char[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] == '\n') {
                line++;
            }
        }
    }

    private void refill() throws IOException {
        bytes.compact();
        int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
        if (n < 0) {
            eof = true;
        } else {
            bytes.position(bytes.position() + n);
        }
        bytes.flip();
    }

    private CharsetDecoder decoderForMark() throws IOException {
        while (!eof && bytes.remaining() < 3) {
            refill();
        }
        Charset charset = StandardCharsets.UTF_8;
        int skip = 0;
        if (starts(0xEF, 0xBB, 0xBF)) {
            skip = 3;
        } else if (starts(0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (starts(0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        }
        if (skip == 0 && unmarkedUtf16()) {
            throw refused(name, 1, "UTF-16 text without a byte order mark, which is not read");
        }
        bytes.position(bytes.position() + skip);
        return charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /**
     * Whether the text starts as UTF-16 without a mark does: a NUL byte beside an ASCII one. Such
     * bytes are valid UTF-8, and would be read as text full of NUL characters.
     */
    private boolean unmarkedUtf16() {
        if (bytes.remaining() < 2) {
            return false;
        }
        int a = bytes.get(bytes.position()) & 0xFF;
        int b = bytes.get(bytes.position() + 1) & 0xFF;
        return (a == 0) != (b == 0);
    }

    private boolean starts(int... mark) {
        if (bytes.remaining() < mark.length) {
            return false;
        }
        for (int i = 0; i < mark.length; i++) {
            if ((bytes.get(bytes.position() + i) & 0xFF) != mark[i]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
