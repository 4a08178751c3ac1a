package io.cutover.shell;

import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeKind;
import io.cutover.deployment.Subject;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.SipAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Every statement the shell driver writes, as text, for one version's Management Shell. Pure: the
 * same arguments give the same text. Queries stop on error and answer as compressed JSON; actions
 * stop on error.
 */
final class Statements {
    private final Encoding encoding;
    private final ShellVersion version;

    Statements(Encoding encoding, ShellVersion version) {
        this.encoding = encoding;
        this.version = version;
    }

    ShellVersion version() {
        return version;
    }

    /** A query: the cmdlet, made to stop on error, its output as compressed JSON. */
    String query(Cmdlet c) {
        return c.with("ErrorAction", "Stop").render(encoding) + " | ConvertTo-Json -Depth 4 -Compress";
    }

    String action(Cmdlet c) {
        return c.with("ErrorAction", "Stop").render(encoding);
    }

    String value(String v) {
        return encoding.value(v);
    }

    List<String> topology() {
        return List.of(
                query(Cmdlet.of("Get-CsSite")), query(Cmdlet.of("Get-CsPool")), query(Cmdlet.of("Get-CsService")));
    }

    /** One read of homed objects of a kind. */
    record ObjectRead(HomedKind kind, String statement) {}

    /**
     * The reads of every object kind this shell has, in {@link HomedKind} order. Response Group
     * configurations are read per Front End pool, by the pool's Application Server service.
     */
    List<ObjectRead> objects(List<Pool> pools) {
        List<ObjectRead> reads = new ArrayList<>();
        for (HomedKind k : HomedKind.values()) {
            if (!k.isObject() || !version.has(Kinds.of(k).getter())) {
                continue;
            }
            if (k != HomedKind.RgsConfiguration) {
                reads.add(new ObjectRead(k, query(Cmdlet.of(Kinds.of(k).getter()))));
                continue;
            }
            for (Pool p : pools) {
                if (p.role() == PoolRole.FrontEnd) {
                    reads.add(new ObjectRead(k, query(rgsConfiguration(p.fqdn().text()))));
                }
            }
        }
        return reads;
    }

    static Cmdlet rgsConfiguration(String pool) {
        return Cmdlet.of("Get-CsRgsConfiguration").with("Identity", "service:ApplicationServer:" + pool);
    }

    /** Every pool's health-monitoring configuration: the test users synthetic transactions run as. */
    String healthMonitoring() {
        return query(Cmdlet.of("Get-CsHealthMonitoringConfiguration"));
    }

    /** After the objects: users first, then each policy kind, replication and the allowed domains. */
    String users() {
        return query(Cmdlet.of("Get-CsUser").with("ResultSize", "Unlimited"));
    }

    List<String> policiesReplicationPartners() {
        List<String> qs = new ArrayList<>();
        for (PolicyKind k : PolicyKind.values()) {
            qs.add(query(Cmdlet.of("Get-Cs" + k.column())));
        }
        qs.add(replication());
        qs.add(query(Cmdlet.of("Get-CsAllowedDomain")));
        return qs;
    }

    String replication() {
        return query(Cmdlet.of("Get-CsManagementStoreReplicationStatus"));
    }

    /** The statement that reads where a subject is homed. */
    String home(Subject subject) {
        return subject.kind() == HomedKind.Cms
                ? query(Cmdlet.of("Get-CsService").flag("CentralManagement"))
                : query(Cmdlet.of(Kinds.of(subject.kind()).getter()).with("Identity", subject.id()));
    }

    /** The move of a subject other than the CMS; {@code proxyPool} as {@link Kinds#move}. */
    String move(Subject subject, String target, String proxyPool) {
        return action(Kinds.move(subject.kind(), subject.id(), target, proxyPool));
    }

    /** The move of the CMS: Move-CsManagementServer run on {@code server}, a server of the target pool. */
    String moveCms(String server, String target) {
        return "Invoke-Command -ComputerName " + value(server) + " -ScriptBlock { "
                + action(Kinds.move(HomedKind.Cms, "", target, null)) + " }";
    }

    /**
     * Export-CsRgsConfiguration from the pool the configuration is on, then Import-CsRgsConfiguration
     * into {@code target}, in one pipeline so that a failed export imports nothing. The file is named
     * after the source pool, in the shell's working folder.
     *
     * @param identity the configuration's identity, "service:ApplicationServer:pool"
     */
    String exportImport(String identity, String target) {
        String source = Kinds.rgsSource(identity);
        String file = "cutover-rgs-" + source.substring(source.indexOf(':') + 1) + ".zip";
        return action(Cmdlet.of("Export-CsRgsConfiguration")
                        .with("Source", source)
                        .with("FileName", file))
                + "; "
                + action(Cmdlet.of("Import-CsRgsConfiguration")
                        .with("Destination", "ApplicationServer:" + target)
                        .with("FileName", file)
                        .flag("OverwriteOwner")
                        .flag("Force"));
    }

    /** What {@code server} says it runs: Get-CsServerVersion answers for the server it runs on only. */
    String serverVersion(String server) {
        return "Invoke-Command -ComputerName " + value(server) + " -ScriptBlock { Get-CsServerVersion }"
                + " -ErrorAction 'Stop' | ConvertTo-Json -Depth 4 -Compress";
    }

    String route(String site, String edge) {
        return action(
                Cmdlet.of("Set-CsSite").with("Identity", "Site:" + site).with("FederationRoute", "EdgeServer:" + edge));
    }

    String pool(String fqdn) {
        return query(Cmdlet.of("Get-CsPool").with("Identity", fqdn));
    }

    String services(String server) {
        return query(Cmdlet.of("Get-CsWindowsService").with("ComputerName", server));
    }

    /**
     * Starting a pool: Start-CsPool where the shell has it (2015 on); before, the services of each
     * of its servers.
     */
    List<String> start(String pool, List<String> servers) {
        return start(pool, servers, true);
    }

    /**
     * Starting a pool; {@code frontEnd} false (an Edge pool, which Start-CsPool, made for Front End
     * pools and their routing groups, does not start) starts each server's services.
     */
    List<String> start(String pool, List<String> servers, boolean frontEnd) {
        if (frontEnd && version.has("Start-CsPool")) {
            return List.of(
                    action(Cmdlet.of("Start-CsPool").with("PoolFqdn", pool).flag("Confirm", false)));
        }
        return servers.stream()
                .map(s -> action(Cmdlet.of("Start-CsWindowsService").with("ComputerName", s)))
                .toList();
    }

    String stop(String server) {
        return action(
                Cmdlet.of("Stop-CsWindowsService").with("ComputerName", server).flag("Graceful"));
    }

    /** The synthetic transaction of a probe; {@code edge} is the Edge a federated probe goes through. */
    String probe(Probe p, String edge) {
        return query(test(p, edge));
    }

    /**
     * The Test-Cs* invocation of a probe, in the form that runs with the pool's test users
     * ({@code -TargetFqdn}, no credentials): the pool is the one the initiating user is homed on,
     * read when the test runs; an external probe targets its Edge, a federated one {@code edge}.
     */
    static Cmdlet test(Probe p, String edge) {
        Cmdlet c = Cmdlet.of(p.kind().cmdlet());
        ProbeKind k = p.kind();
        if (k == ProbeKind.External) {
            return c.with("TargetFqdn", p.via()).with("UserSipAddress", p.from());
        } else if (k == ProbeKind.Federated) {
            return c.with("TargetFqdn", edge).with("Domain", p.to());
        }
        c = c.with("TargetFqdn", homePool(p.from()), "RegistrarPool");
        if (k == ProbeKind.Registration) {
            return c.with("UserSipAddress", p.from());
        } else if (k == ProbeKind.PersistentChat) {
            return c.with("SenderSipAddress", p.from());
        } else if (k == ProbeKind.Presence) {
            return c.with("SubscriberSipAddress", p.from()).with("PublisherSipAddress", p.to());
        } else if (k == ProbeKind.Xmpp) {
            return c.with("UserSipAddress", p.from()).with("Receiver", p.to());
        }
        return c.with("SenderSipAddress", p.from()).with("ReceiverSipAddress", p.to());
    }

    /**
     * The Test-Cs* invocation of a probe run as two test accounts (the cmdlets' ClientPlatform
     * parameter set): each account's SIP address and its credential, read from its file inside the
     * session, against {@code pool} (an external probe against its Edge). A federated probe has no
     * such form: Test-CsFederatedPartner takes no user.
     *
     * @throws IllegalArgumentException for a federated probe
     */
    static Cmdlet testAs(
            Probe p, io.cutover.inventory.Fqdn pool, TestAccounts.Account sender, TestAccounts.Account receiver) {
        ProbeKind k = p.kind();
        if (k == ProbeKind.Federated) {
            throw new IllegalArgumentException(k.cmdlet() + " takes no test accounts");
        }
        Cmdlet c = Cmdlet.of(k.cmdlet()).with("TargetFqdn", k == ProbeKind.External ? p.via() : pool);
        if (k == ProbeKind.Registration || k == ProbeKind.External) {
            return as(c, "User", sender);
        } else if (k == ProbeKind.Xmpp) {
            return as(c, "User", sender).with("Receiver", p.to());
        } else if (k == ProbeKind.Presence) {
            return as(as(c, "Subscriber", sender), "Publisher", receiver);
        }
        return as(as(c, "Sender", sender), "Receiver", receiver);
    }

    /** {@code -RoleSipAddress sip -RoleCredential (Import-Clixml -LiteralPath file)}. */
    private static Cmdlet as(Cmdlet c, String role, TestAccounts.Account a) {
        return c.with(role + "SipAddress", a.sip()).with(role + "Credential", credential(a), null);
    }

    /** The account's credential as the session reads it: the file's path is in the script, the password never. */
    static Cmdlet credential(TestAccounts.Account a) {
        return Cmdlet.of("Import-Clixml").with("LiteralPath", a.credential());
    }

    /** Whether the session finds the account's credential file: {@code {"Path": ..., "Present": true|false}}. */
    String credentialPresent(TestAccounts.Account a) {
        Cmdlet test = Cmdlet.of("Test-Path").with("LiteralPath", a.credential()).with("PathType", "Leaf");
        return "@{ Path = " + value(a.credential()) + "; Present = (" + test.render(encoding)
                + ") } | ConvertTo-Json -Compress";
    }

    private static Cmdlet homePool(SipAddress sip) {
        return Cmdlet.of("Get-CsUser").with("Identity", sip).with("ErrorAction", "Stop");
    }
}
