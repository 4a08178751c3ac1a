package io.cutover.cli;

import io.cutover.app.Notifications;
import io.cutover.app.Workspace;
import io.cutover.notify.NotifySettings;
import java.nio.file.Path;
import java.time.Clock;
import picocli.CommandLine.Option;

/** Where a verb that runs for a while sends its notices, if anywhere. */
final class NotifyOptions {
    @Option(
            names = "--notify",
            paramLabel = "FILE",
            description =
                    "A settings file whose notifications: section says where notices go (webhooks, email); they are delivered from the journal's outbox while this command runs and once more at its end. See examples/contoso/settings.yaml.")
    Path file;

    NotifySettings settings() {
        return file == null ? NotifySettings.none() : NotifySettings.read(file);
    }

    /** Delivers while the caller runs; read (and checked) before anything else happens. */
    Notifications start(Workspace workspace) {
        return Notifications.start(workspace, settings(), Clock.systemUTC());
    }
}
