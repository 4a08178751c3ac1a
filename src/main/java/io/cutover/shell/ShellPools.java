package io.cutover.shell;

import static io.cutover.shell.InventoryParser.status;
import static io.cutover.shell.InventoryParser.text;
import static io.cutover.shell.ShellErrors.failure;
import static io.cutover.shell.ShellErrors.notFound;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.PoolState;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServerVersion;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.ServiceStatus;
import io.cutover.shell.ShellDeployment.Answer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The pools through the shell: their state, starting and stopping their services, the services and CMS replication they report. */
final class ShellPools {
    /** "Skype for Business Server 2015 (6.0.9319.869): ...", as the collect script reads it too. */
    private static final Pattern PRODUCT_AND_BUILD = Pattern.compile("^\\s*(.+?)\\s*\\(([0-9.]+)\\)");

    private final ShellDeployment shell;

    ShellPools(ShellDeployment shell) {
        this.shell = shell;
    }

    /**
     * Not in Get-CsPool: decommissioned (removed from the topology). Every server unreachable:
     * down. No service running anywhere: not deployed (installed but never started). Else up.
     */
    PoolState poolState(Fqdn fqdn) {
        List<Fqdn> servers = shell.topology().pool(fqdn).map(Pool::servers).orElse(List.of());
        List<String> qs = new ArrayList<>();
        Statements st = shell.statements();
        qs.add(st.pool(fqdn.text()));
        for (Fqdn s : servers) {
            qs.add(st.services(s.text()));
        }
        List<Answer> a = shell.run(qs, fqdn);
        if (!a.get(0).ok()) {
            if (notFound(a.get(0).error())) {
                return PoolState.Decommissioned;
            }
            throw failure("reading pool " + fqdn, a.get(0).error());
        }
        if (a.get(0).data().isEmpty()) {
            return PoolState.Decommissioned;
        }
        int reachable = 0;
        boolean anyRunning = false;
        for (int i = 1; i < a.size(); i++) {
            if (!a.get(i).ok()) {
                continue;
            }
            reachable++;
            for (JsonNode svc : a.get(i).data()) {
                anyRunning |= status(svc.path("Status")) == ServiceStatus.Running;
            }
        }
        if (!servers.isEmpty() && reachable == 0) {
            return PoolState.Down;
        }
        return anyRunning ? PoolState.Up : PoolState.NotDeployed;
    }

    /** Starts the services of an installed pool (Start-CsPool from 2015, each server's services before); a pool not installed yet fails with the cmdlet's error. */
    void deploy(Fqdn fqdn) {
        Pool pool = shell.topology().pool(fqdn).orElse(null);
        List<String> servers = pool == null
                ? List.of()
                : pool.servers().stream().map(Fqdn::text).toList();
        boolean frontEnd = pool == null || pool.role() != PoolRole.Edge;
        for (Answer a : shell.run(shell.statements().start(fqdn.text(), servers, frontEnd), fqdn)) {
            if (!a.ok()) {
                throw failure(
                        "starting pool " + fqdn
                                + " (install it with the Deployment Wizard first if it is not installed)",
                        a.error());
            }
        }
    }

    /**
     * Stops every service of the pool gracefully. Removing the pool from the topology is then a
     * Topology Builder step; until it is done this fails, naming that step, and a resumed run
     * finds the pool gone.
     */
    void decommission(Fqdn fqdn) {
        if (poolState(fqdn) == PoolState.Decommissioned) {
            return;
        }
        List<Fqdn> servers = shell.topology().pool(fqdn).map(Pool::servers).orElse(List.of());
        List<String> qs =
                servers.stream().map(s -> shell.statements().stop(s.text())).toList();
        List<Answer> a = shell.run(qs, fqdn);
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).ok()) {
                throw failure(
                        "stopping the services of " + servers.get(i), a.get(i).error());
            }
        }
        if (poolState(fqdn) != PoolState.Decommissioned) {
            throw DeploymentFailure.permanent(
                    "the services of " + fqdn + " are stopped; now remove " + fqdn
                            + " from the topology in Topology Builder, publish it (Publish-CsTopology) and run `cutover run --resume`");
        }
    }

    List<ServiceState> services(Fqdn pool) {
        Pool p = shell.topology()
                .pool(pool)
                .orElseThrow(() -> DeploymentFailure.permanent("no pool '" + pool + "' in the topology"));
        List<String> qs = p.servers().stream()
                .map(s -> shell.statements().services(s.text()))
                .toList();
        List<Answer> a = shell.run(qs, pool);
        List<ServiceState> rows = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            Fqdn server = p.servers().get(i);
            if (!a.get(i).ok()) {
                // An unreachable server runs nothing the gate can count on; say why in the row.
                rows.add(new ServiceState(
                        server, p.fqdn(), "(unreachable: " + a.get(i).error() + ")", ServiceStatus.Stopped));
                continue;
            }
            for (JsonNode svc : a.get(i).data()) {
                rows.add(new ServiceState(server, p.fqdn(), text(svc, "Name", "?"), status(svc.path("Status"))));
            }
        }
        return rows;
    }

    /**
     * Get-CsServerVersion on each server of the pool; a server that does not answer, or answers in
     * words this does not read, has no row, which the minimum-build check reports as unknown.
     */
    List<ServerVersion> serverVersions(Fqdn pool) {
        Pool p = shell.topology()
                .pool(pool)
                .orElseThrow(() -> DeploymentFailure.permanent("no pool '" + pool + "' in the topology"));
        List<Answer> a = shell.run(p.servers().stream()
                .map(s -> shell.statements().serverVersion(s.text()))
                .toList());
        List<ServerVersion> rows = new ArrayList<>();
        for (int i = 0; i < a.size(); i++) {
            if (!a.get(i).ok()) {
                continue;
            }
            for (JsonNode line : a.get(i).data()) {
                Matcher m = PRODUCT_AND_BUILD.matcher(line.asText());
                if (m.find()) {
                    rows.add(new ServerVersion(p.servers().get(i), m.group(1), m.group(2), "Get-CsServerVersion"));
                }
            }
        }
        return rows;
    }

    List<Replica> replication() {
        Answer a = shell.run(shell.statements().replication());
        if (!a.ok()) {
            throw failure("reading CMS replication", a.error());
        }
        return a.data().stream()
                .map(r -> new Replica(
                        Fqdn.of(text(r, "ReplicaFqdn", "")), r.path("UpToDate").asBoolean(false)))
                .toList();
    }
}
