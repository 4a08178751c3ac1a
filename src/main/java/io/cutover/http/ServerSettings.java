package io.cutover.http;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.app.Workspace;
import io.cutover.run.RunSettings;
import java.nio.file.Path;
import java.time.Duration;

/**
 * How {@code cutover serve} runs, resolved once at the edge.
 *
 * @param bind the address to listen on; loopback unless told otherwise
 * @param port 0 for any free port
 * @param tokens the token file (created with fresh tokens when missing)
 * @param refresh how often the live view is recomputed from the journal
 * @param run how a run resumed from the API is carried out
 * @param sessions how long sign-in sessions live and how many there may be
 */
public record ServerSettings(
        Workspace workspace,
        String bind,
        int port,
        Path tokens,
        Duration refresh,
        RunSettings run,
        SessionLimits sessions) {
    /** Settings with the default session limits. */
    public ServerSettings(Workspace workspace, String bind, int port, Path tokens, Duration refresh, RunSettings run) {
        this(workspace, bind, port, tokens, refresh, run, SessionLimits.DEFAULTS);
    }

    public ServerSettings {
        if (port < 0 || port > 65535) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "--port must be between 0 and 65535, got " + port);
        }
        if (bind == null || bind.isBlank()) {
            throw new CutoverException(ErrorCode.BAD_INPUT, "--bind needs an address, e.g. 127.0.0.1");
        }
    }

    /** The default token file: in the workspace, beside the journal. */
    public static Path defaultTokens(Workspace workspace) {
        return workspace.dir().resolve("tokens");
    }
}
