package io.cutover.shell;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The framing between the driver and a long-lived shell session. The driver starts the session
 * command and sends one line, {@link #bootstrap}: a PowerShell loop that imports the module once,
 * writes a ready line, then reads requests and answers each one in a frame.
 *
 * <p>A request is {@code <<cutover SEQ begin>>}, the script's lines, {@code <<cutover SEQ end>>}.
 * Its answer is {@code <<cutover NONCE SEQ begin>>}, what the script wrote (one JSON document a
 * line), {@code <<cutover NONCE SEQ end>>}. The nonce is drawn per session and never sent in a
 * script, so nothing a module or a cmdlet prints can pass for a frame marker, and the sequence
 * number ties an answer to its request. Generated scripts never hold a marker line: every value in
 * them is a quoted expression whose line breaks are written as {@code [char]} codes.
 */
public final class SessionFrames {
    /** Ends the bootstrap line: it says which framing the loop speaks. */
    public static final String TAG = "# cutover-session 1";

    private static final Pattern NONCE = Pattern.compile("\\$cutoverNonce = '([0-9a-f]{8,64})'");
    private static final Pattern REQUEST = Pattern.compile("<<cutover (\\d{1,18}) (begin|end)>>");

    private SessionFrames() {}

    /** What one line of a session's output is to the driver. */
    sealed interface Line {
        record Ready() implements Line {}

        record Begin(long seq) implements Line {}

        record End(long seq) implements Line {}

        /** Anything else: an answer's JSON inside a frame, noise outside one. */
        record Other(String text) implements Line {}
    }

    /**
     * The one-line PowerShell program that turns a shell reading standard input into a session.
     * Errors of a script that does not parse go to standard error; the frame still closes.
     */
    static String bootstrap(String nonce) {
        String ready = "'<<cutover " + nonce + " ready>>'";
        String answer = "'<<cutover " + nonce + " ' + $cutoverSeq";
        return "$ProgressPreference = 'SilentlyContinue'; $cutoverNonce = '" + nonce + "'; "
                + "foreach ($cutoverModule in 'SkypeForBusiness', 'Lync') { if (Get-Module -ListAvailable -Name $cutoverModule) { Import-Module $cutoverModule -ErrorAction SilentlyContinue *> $null; break } }; "
                + "[Console]::Out.WriteLine(" + ready + "); [Console]::Out.Flush(); "
                + "while ($null -ne ($cutoverLine = [Console]::In.ReadLine())) { "
                + "if ($cutoverLine -notmatch '^<<cutover (\\d+) begin>>$') { continue }; "
                + "$cutoverSeq = $Matches[1]; $cutoverBody = New-Object System.Text.StringBuilder; "
                + "while ($null -ne ($cutoverLine = [Console]::In.ReadLine()) -and $cutoverLine -ne ('<<cutover ' + $cutoverSeq + ' end>>')) { [void]$cutoverBody.AppendLine($cutoverLine) }; "
                + "[Console]::Out.WriteLine(" + answer + " + ' begin>>'); "
                + "try { & ([ScriptBlock]::Create($cutoverBody.ToString())) | ForEach-Object { [Console]::Out.WriteLine([string]$_) } } catch { [Console]::Error.WriteLine([string]$_) }; "
                + "[Console]::Out.WriteLine(" + answer + " + ' end>>'); [Console]::Out.Flush() } "
                + TAG;
    }

    /** A request: the script framed by its sequence number. */
    static String request(long seq, String script) {
        String body = script.endsWith("\n") ? script : script + "\n";
        return "<<cutover " + seq + " begin>>\n" + body + "<<cutover " + seq + " end>>\n";
    }

    /** The nonce of a bootstrap line, when the line is one. */
    public static Optional<String> nonceOf(String bootstrapLine) {
        if (!bootstrapLine.strip().endsWith(TAG)) {
            return Optional.empty();
        }
        Matcher m = NONCE.matcher(bootstrapLine);
        return m.find() ? Optional.of(m.group(1)) : Optional.empty();
    }

    /** The sequence number of a request's begin line, or -1; for a session that reads requests. */
    public static long requestBegin(String line) {
        Matcher m = REQUEST.matcher(line.strip());
        return m.matches() && m.group(2).equals("begin") ? Long.parseLong(m.group(1)) : -1;
    }

    /** Whether a line ends the request {@code seq}. */
    public static boolean requestEnd(String line, long seq) {
        return line.strip().equals("<<cutover " + seq + " end>>");
    }

    public static String readyLine(String nonce) {
        return "<<cutover " + nonce + " ready>>";
    }

    public static String beginLine(String nonce, long seq) {
        return "<<cutover " + nonce + " " + seq + " begin>>";
    }

    public static String endLine(String nonce, long seq) {
        return "<<cutover " + nonce + " " + seq + " end>>";
    }

    /** What a line of output from the session with this nonce is. */
    static Line parse(String nonce, String line) {
        String t = line.strip();
        String prefix = "<<cutover " + nonce + " ";
        if (!t.startsWith(prefix) || !t.endsWith(">>")) {
            return new Line.Other(line);
        }
        String[] words = t.substring(prefix.length(), t.length() - 2).split(" ");
        if (words.length == 1 && words[0].equals("ready")) {
            return new Line.Ready();
        }
        if (words.length == 2 && words[0].matches("\\d{1,18}")) {
            long seq = Long.parseLong(words[0]);
            if (words[1].equals("begin")) {
                return new Line.Begin(seq);
            }
            if (words[1].equals("end")) {
                return new Line.End(seq);
            }
        }
        // Our nonce but no marker we write: the session is confused; treat it as out of frame.
        return new Line.Begin(-1);
    }
}
