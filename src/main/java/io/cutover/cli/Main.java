package io.cutover.cli;

/** Entry point of the {@code cutover} launcher. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.execute(args, System.out, System.err));
    }
}
