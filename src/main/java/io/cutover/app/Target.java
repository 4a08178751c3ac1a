package io.cutover.app;

import io.cutover.shell.ShellSettings;

/**
 * Which deployment a verb acts on, resolved once at the edge: the workspace's lab (the default),
 * or a real deployment through the Management Shell with its settings.
 *
 * @param shell the shell's settings, or null for the lab
 */
public record Target(ShellSettings shell) {
    public static Target lab() {
        return new Target(null);
    }

    public static Target shell(ShellSettings settings) {
        return new Target(settings);
    }

    public boolean isLab() {
        return shell == null;
    }
}
