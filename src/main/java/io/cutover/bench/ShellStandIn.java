package io.cutover.bench;

import io.cutover.shell.SessionFrames;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * A stand-in Management Shell for the shell benchmark: a separate process that speaks both ways of
 * the driver (a script on standard input, or a session taking framed scripts), takes the time the
 * real shell takes (start-up, per Move-CsUser, per Test-Cs*) and answers every statement with
 * success and no data. It changes nothing anywhere: what it measures is how the driver spends the
 * shell's time, not what the cmdlets do.
 *
 * <p>Arguments: start-up, per-Move-CsUser and per-Test-Cs* costs in milliseconds.
 */
public final class ShellStandIn {
    private final long moveMillis;
    private final long testMillis;
    private final PrintStream out;

    private ShellStandIn(long moveMillis, long testMillis, PrintStream out) {
        this.moveMillis = moveMillis;
        this.testMillis = testMillis;
        this.out = out;
    }

    public static void main(String[] args) throws IOException {
        PrintStream out = new PrintStream(
                new java.io.FileOutputStream(java.io.FileDescriptor.out), false, StandardCharsets.UTF_8);
        sleep(Long.parseLong(args[0]));
        ShellStandIn shell = new ShellStandIn(Long.parseLong(args[1]), Long.parseLong(args[2]), out);
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        String first = in.readLine();
        Optional<String> nonce = first == null ? Optional.empty() : SessionFrames.nonceOf(first);
        if (nonce.isEmpty()) {
            for (String line = first; line != null; line = in.readLine()) {
                shell.statement(line);
            }
            out.flush();
            return;
        }
        out.println(SessionFrames.readyLine(nonce.get()));
        out.flush();
        for (String line; (line = in.readLine()) != null; ) {
            long seq = SessionFrames.requestBegin(line);
            if (seq < 0) {
                continue;
            }
            out.println(SessionFrames.beginLine(nonce.get(), seq));
            for (String l; (l = in.readLine()) != null && !SessionFrames.requestEnd(l, seq); ) {
                shell.statement(l);
            }
            out.println(SessionFrames.endLine(nonce.get(), seq));
            out.flush();
        }
    }

    /** One line of the driver's script: {@code try { <statement>; @{ cutoverItem = N; ok = $true } ...}}. */
    private void statement(String line) {
        int key = line.indexOf("@{ cutoverItem = ");
        if (!line.startsWith("try { ") || key < 0) {
            return;
        }
        String statement = line.substring(0, key);
        if (statement.contains("Move-CsUser ")) {
            sleep(moveMillis);
        } else if (statement.contains("Test-Cs")) {
            sleep(testMillis);
        }
        String n = line.substring(key + "@{ cutoverItem = ".length(), line.indexOf(';', key));
        out.println("{\"cutoverItem\":" + n.trim() + ",\"ok\":true}");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
