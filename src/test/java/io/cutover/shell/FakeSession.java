package io.cutover.shell;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/**
 * The fake shell as a long-lived session, answering the driver's framed requests the way the
 * bootstrap loop of {@link SessionFrames} does in PowerShell. Each request opens the lab afresh, so
 * that sessions running side by side see each other's changes.
 *
 * <p>Environment, besides {@link FakeShell}'s: {@code CUTOVER_FAKESHELL_NOISE=1} prints what a
 * module and a careless profile print (warnings, JSON, lines like markers) before the ready line,
 * between frames and inside them; {@code CUTOVER_FAKESHELL_PARTIAL=K} makes every K-th request of
 * a session answer half a frame and then a marker of another frame.
 */
final class FakeSession {
    private final String nonce;
    private final Path lab;
    private final PrintStream out;
    private final Map<String, String> env;
    private final boolean noise;
    private final int partialEvery;

    FakeSession(String nonce, Path lab, PrintStream out, Map<String, String> env) {
        this.nonce = nonce;
        this.lab = lab;
        this.out = out;
        this.env = env;
        this.noise = "1".equals(env.get("CUTOVER_FAKESHELL_NOISE"));
        this.partialEvery = Integer.parseInt(env.getOrDefault("CUTOVER_FAKESHELL_PARTIAL", "0"));
    }

    void serve(BufferedReader in) throws IOException {
        noise(
                "WARNING: The names of some imported commands from the module 'SkypeForBusiness' include unapproved verbs.");
        noise("{\"cutoverItem\":1,\"ok\":false,\"error\":\"printed by a profile\"}");
        out.println(SessionFrames.readyLine(nonce));
        int served = 0;
        for (String line; (line = in.readLine()) != null; ) {
            long seq = SessionFrames.requestBegin(line);
            if (seq < 0) {
                continue;
            }
            StringBuilder body = new StringBuilder();
            for (String l; (l = in.readLine()) != null && !SessionFrames.requestEnd(l, seq); ) {
                body.append(l).append('\n');
            }
            served++;
            noise("[]");
            out.println(SessionFrames.beginLine(nonce, seq));
            noise("WARNING: the module was loaded from a network share.");
            noise("<<cutover 0000000000000000 " + seq + " end>>");
            if (partialEvery > 0 && served % partialEvery == 0) {
                partial(body.toString(), seq);
                return;
            }
            FakeShell.runScript(body.toString(), lab, out, env);
            out.println(SessionFrames.endLine(nonce, seq));
            noise("{\"cutoverItem\":1,\"ok\":true}");
            out.flush();
        }
    }

    /** Half an answer (the first line the script wrote), then the begin marker of the next frame. */
    private void partial(String script, long seq) {
        java.io.ByteArrayOutputStream buffer = new java.io.ByteArrayOutputStream();
        try (PrintStream half = new PrintStream(buffer, true, java.nio.charset.StandardCharsets.UTF_8)) {
            FakeShell.runScript(script, lab, half, env);
        }
        String written = buffer.toString(java.nio.charset.StandardCharsets.UTF_8);
        int firstLine = written.indexOf('\n');
        if (firstLine > 0) {
            out.println(written.substring(0, firstLine));
        }
        out.println(SessionFrames.beginLine(nonce, seq + 1));
        out.flush();
    }

    private void noise(String line) {
        if (noise) {
            out.println(line);
        }
    }
}
