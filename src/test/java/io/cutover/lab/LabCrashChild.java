package io.cutover.lab;

import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.User;
import java.nio.file.Path;
import java.time.Clock;

/**
 * Run in a child process by {@link LabPersistenceIT}: moves users one by one, printing each move
 * after it returns, until the test kills the process.
 */
final class LabCrashChild {
    private LabCrashChild() {}

    public static void main(String[] args) {
        Lab lab = Lab.create(Path.of(args[0]), Scenarios.syntheticYaml(1, 5_000), "synthetic.yaml", Clock.systemUTC());
        for (User u : lab.snapshot().usersOn(Fqdn.of("legacy01.contoso.com"))) {
            if (u.features().isEmpty()) {
                lab.move(Subject.user(u.sipAddress()), Fqdn.of("sfb19pool01.contoso.com"));
                System.out.println("moved " + u.sipAddress());
                System.out.flush();
            }
        }
        System.out.println("done");
    }
}
