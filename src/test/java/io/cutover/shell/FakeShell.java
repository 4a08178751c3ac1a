package io.cutover.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.cutover.catalog.Catalog;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.PoolState;
import io.cutover.deployment.Probe;
import io.cutover.deployment.ProbeKind;
import io.cutover.deployment.ProbeResult;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.HomedKind;
import io.cutover.inventory.HomedObject;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.Pool;
import io.cutover.inventory.PoolRole;
import io.cutover.inventory.Replica;
import io.cutover.inventory.ServiceState;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.Site;
import io.cutover.inventory.User;
import io.cutover.lab.Lab;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A stand-in for the Skype for Business Server Management Shell, for tests: a separate process
 * that reads a script on standard input, parses it with {@link PsScript} (refusing anything
 * outside the subset the driver emits, exit code 1 and a parse error, running nothing), and runs
 * the cmdlets against a lab, answering as the real cmdlets do.
 *
 * <p>Environment: {@code CUTOVER_FAKESHELL_LAB} the lab directory (required);
 * {@code CUTOVER_FAKESHELL_TRACE} a file that gets one JSON line per cmdlet run, with its
 * parameters as received; {@code CUTOVER_FAKESHELL_PIDS} a file that gets this process's id;
 * {@code CUTOVER_FAKESHELL_HANG} a cmdlet name at which the shell hangs;
 * {@code CUTOVER_FAKESHELL_FAIL} {@code Cmdlet=error text}: that cmdlet fails with that text;
 * {@code CUTOVER_FAKESHELL_NO_HEALTH} pools (comma-separated) without a health-monitoring configuration;
 * {@code CUTOVER_FAKESHELL_RECORD} a file that gets this process's command line and every script it
 * is sent; Import-Clixml reads credential files as {@link FakeCredentials} says;
 * {@link Costs} the time start-up and cmdlets take. A first line that is the driver's session
 * bootstrap ({@link SessionFrames}) makes it a long-lived session ({@link FakeSession}).
 */
public final class FakeShell {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A terminating error, caught by try/catch as PowerShell's are. */
    static final class CmdletError extends RuntimeException {
        CmdletError(String message) {
            super(message);
        }
    }

    private final Lab lab;
    private final PrintStream out;
    private final Path trace;
    private final String hang;
    /** Pools (comma-separated) with no health-monitoring configuration. */
    private final String noHealth;

    private final String failCmdlet;
    private final String failText;
    private final Catalog catalog = Catalog.bundled();
    private final Costs costs;
    private final FakeUserData userData;
    /** Response Group configurations exported by this process, by file name: their identities. */
    private final Map<String, String> exported = new java.util.HashMap<>();
    /** The computer a script block of Invoke-Command runs on, else null. */
    private String computer;

    private List<Pool> pools;
    /** The lab's state as last read; reads in one script share it until a cmdlet changes something. */
    private Inventory cached;

    FakeShell(Lab lab, PrintStream out, Map<String, String> env) {
        this.lab = lab;
        this.userData = new FakeUserData(lab);
        this.out = out;
        this.trace = env.containsKey("CUTOVER_FAKESHELL_TRACE") ? Path.of(env.get("CUTOVER_FAKESHELL_TRACE")) : null;
        this.hang = env.get("CUTOVER_FAKESHELL_HANG");
        this.noHealth = env.get("CUTOVER_FAKESHELL_NO_HEALTH");
        this.costs = Costs.of(env);
        String fail = env.get("CUTOVER_FAKESHELL_FAIL");
        this.failCmdlet = fail == null ? null : fail.substring(0, fail.indexOf('='));
        this.failText = fail == null ? null : fail.substring(fail.indexOf('=') + 1);
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> env = System.getenv();
        PrintStream out =
                new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8);
        if (env.containsKey("CUTOVER_FAKESHELL_PIDS")) {
            Files.writeString(
                    Path.of(env.get("CUTOVER_FAKESHELL_PIDS")),
                    ProcessHandle.current().pid() + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        }
        record(env, "process: " + ProcessHandle.current().info().commandLine().orElse("?"));
        String dir = env.get("CUTOVER_FAKESHELL_LAB");
        if (dir == null) {
            System.err.println("CUTOVER_FAKESHELL_LAB is not set");
            System.exit(1);
            return;
        }
        // Start-up: a fresh powershell.exe importing the module takes seconds.
        Costs costs = Costs.of(env);
        sleep(costs.startMillis());
        java.io.BufferedReader in =
                new java.io.BufferedReader(new java.io.InputStreamReader(System.in, StandardCharsets.UTF_8));
        String first = in.readLine();
        Optional<String> nonce = first == null ? Optional.empty() : SessionFrames.nonceOf(first);
        if (nonce.isPresent()) {
            new FakeSession(nonce.get(), Path.of(dir), out, env).serve(in);
            out.flush();
            System.exit(0);
            return;
        }
        StringBuilder script = new StringBuilder(first == null ? "" : first + "\n");
        for (String line; (line = in.readLine()) != null; ) {
            script.append(line).append('\n');
        }
        System.exit(runScript(script.toString(), Path.of(dir), out, env));
    }

    /** Appends to the file {@code CUTOVER_FAKESHELL_RECORD} names, when it names one: what reached the shell. */
    private static void record(Map<String, String> env, String text) {
        String file = env.get("CUTOVER_FAKESHELL_RECORD");
        if (file == null) {
            return;
        }
        try {
            Files.writeString(
                    Path.of(file),
                    text + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Parses and runs one script against the lab in {@code dir}; the exit code a shell gives. */
    static int runScript(String script, Path dir, PrintStream out, Map<String, String> env) {
        record(env, "script:\n" + script);
        List<PsScript.Statement> statements;
        try {
            statements = PsScript.parse(script);
        } catch (PsScript.ParseError e) {
            System.err.println(e.getMessage());
            return 1;
        }
        int code;
        try (Lab lab = Lab.open(dir, Clock.systemUTC())) {
            code = new FakeShell(lab, out, env).run(statements);
        }
        out.flush();
        return code;
    }

    /**
     * What the shell's work costs, in milliseconds: {@code CUTOVER_FAKESHELL_START_MS} (default
     * 5000) to start, {@code CUTOVER_FAKESHELL_MOVE_MS} (400) per Move-CsUser,
     * {@code CUTOVER_FAKESHELL_TEST_MS} (2000) per Test-Cs* cmdlet.
     */
    record Costs(long startMillis, long moveMillis, long testMillis) {
        static Costs of(Map<String, String> env) {
            return new Costs(
                    Long.parseLong(env.getOrDefault("CUTOVER_FAKESHELL_START_MS", "5000")),
                    Long.parseLong(env.getOrDefault("CUTOVER_FAKESHELL_MOVE_MS", "400")),
                    Long.parseLong(env.getOrDefault("CUTOVER_FAKESHELL_TEST_MS", "2000")));
        }

        long of(String cmdlet) {
            if (cmdlet.equalsIgnoreCase("Move-CsUser")) {
                return moveMillis;
            }
            return cmdlet.regionMatches(true, 0, "Test-Cs", 0, 7) ? testMillis : 0;
        }
    }

    static void sleep(long millis) {
        if (millis <= 0) {
            return;
        }
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    int run(List<PsScript.Statement> statements) {
        try {
            execute(statements, null);
            return 0;
        } catch (CmdletError e) {
            // Outside try/catch a terminating error ends the script, as with -Command.
            System.err.println(e.getMessage());
            return 1;
        }
    }

    private void execute(List<PsScript.Statement> statements, String error) {
        for (PsScript.Statement s : statements) {
            if (s instanceof PsScript.Try t) {
                try {
                    execute(t.body(), error);
                } catch (CmdletError e) {
                    execute(t.handler(), e.getMessage());
                }
            } else if (s instanceof PsScript.Assign) {
                // Preference variables ($ProgressPreference): nothing to do here.
            } else if (s instanceof PsScript.Pipeline p) {
                pipeline(p, error);
            }
        }
    }

    private void pipeline(PsScript.Pipeline p, String error) {
        List<Object> objects;
        PsScript.Element first = p.elements().get(0);
        if (first instanceof PsScript.Literal l) {
            objects = List.of(l.value());
        } else if (first instanceof PsScript.Table t) {
            Map<String, Object> m = new LinkedHashMap<>();
            t.entries().forEach((k, v) -> m.put(k, v == PsScript.ErrorText.INSTANCE ? error : evaluate(v)));
            objects = List.of(m);
        } else {
            objects = invoke((PsScript.Command) first);
        }
        for (int i = 1; i < p.elements().size(); i++) {
            PsScript.Command c = (PsScript.Command) p.elements().get(i);
            if (!c.name().equalsIgnoreCase("ConvertTo-Json")) {
                throw new CmdletError("The term '" + c.name() + "' is not supported in a pipeline here.");
            }
            Map<String, Object> params = params(c, Set.of("Depth", "Compress"));
            if (!params.containsKey("Compress")) {
                throw new CmdletError("ConvertTo-Json without -Compress would span lines");
            }
            if (objects.isEmpty()) {
                return;
            }
            objects = List.of(json(objects.size() == 1 ? objects.get(0) : objects));
        }
        for (Object o : objects) {
            out.println(o instanceof String s ? s : json(o));
        }
    }

    private static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parameters by name; refuses one the cmdlet does not have, with PowerShell's words. */
    private Map<String, Object> params(PsScript.Command c, Set<String> allowed) {
        Map<String, Object> m = new java.util.TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (PsScript.Arg a : c.args()) {
            boolean known = allowed.stream().anyMatch(a.name()::equalsIgnoreCase)
                    || a.name().equalsIgnoreCase("ErrorAction")
                    || a.name().equalsIgnoreCase("Confirm");
            if (!known) {
                throw new CmdletError(
                        c.name() + " : A parameter cannot be found that matches parameter name '" + a.name() + "'.");
            }
            m.put(a.name(), a.value() == null ? Boolean.TRUE : evaluate(a.value()));
        }
        return m;
    }

    /** A value as the cmdlet receives it: {@code (Command).Property} is run and read first. */
    private Object evaluate(Object value) {
        if (!(value instanceof PsScript.Member m)) {
            return value;
        }
        List<Object> out = invoke(m.command());
        if (out.isEmpty()) {
            return null;
        }
        Object first = out.get(0);
        Object v = m.property() == null ? first : first instanceof Map<?, ?> map ? map.get(m.property()) : null;
        // As PowerShell binds a typed value (an Fqdn, a SipAddress) to a string parameter: its text.
        return v == null
                        || v instanceof String
                        || v instanceof Boolean
                        || v instanceof Integer
                        || v instanceof FakeCredentials.Credential
                ? v
                : v.toString();
    }

    /**
     * Refuses a call that Microsoft's cmdlet reference says the shell of the lab's newest version
     * refuses: a cmdlet it does not have, a parameter the cmdlet does not have, a parameter set
     * that does not fit or misses a mandatory parameter. The words are PowerShell's where it has them.
     */
    private void refuseWhatTheReferenceRefuses(PsScript.Command c) {
        CmdletReference ref = CmdletReference.bundled();
        if (!ref.isCs(c.name())) {
            return;
        }
        StringBuilder text = new StringBuilder(c.name());
        for (PsScript.Arg a : c.args()) {
            text.append(" -").append(a.name());
            if (a.value() instanceof Boolean b) {
                text.append(b ? ":$true" : ":$false");
            } else if (a.value() != null) {
                text.append(" 'value'");
            }
        }
        CmdletReference.Report r = ref.check(text.toString(), version().name());
        for (CmdletReference.Problem p : r.problems()) {
            if (p.what().startsWith("not applicable") || p.what().startsWith("no such cmdlet")) {
                throw new CmdletError("The term '" + c.name()
                        + "' is not recognized as the name of a cmdlet, function, script file, or operable program.");
            }
            if (p.what().startsWith("no parameter -")) {
                throw new CmdletError(c.name() + " : A parameter cannot be found that matches parameter name '"
                        + p.what().substring("no parameter -".length()) + "'.");
            }
            throw new CmdletError(c.name()
                    + " : Parameter set cannot be resolved using the specified named parameters. (" + p.what() + ")");
        }
    }

    /** The shell is that of the newest version in the lab, as the driver assumes. */
    private ShellVersion version() {
        ShellVersion newest = null;
        for (Pool p : allPools()) {
            if (p.version() != null) {
                ShellVersion v = new ShellVersion(p.version());
                newest = newest == null ? v : newest.max(v);
            }
        }
        return newest == null ? ShellVersion.NEWEST : newest;
    }

    private void trace(PsScript.Command c) {
        if (trace == null) {
            return;
        }
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("cmdlet", c.name());
        Map<String, Object> ps = new LinkedHashMap<>();
        for (PsScript.Arg a : c.args()) {
            ps.put(a.name(), a.value() instanceof PsScript.Block ? "{block}" : a.value());
        }
        line.put("params", ps);
        try {
            Files.writeString(
                    trace,
                    json(line) + "\n",
                    StandardCharsets.UTF_8,
                    StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String str(Map<String, Object> p, String name) {
        Object v = p.get(name);
        if (v == null) {
            return null;
        }
        if (!(v instanceof String s)) {
            throw new CmdletError("Cannot bind parameter '" + name + "': expected a string");
        }
        return s;
    }

    private static String required(Map<String, Object> p, String name, String cmdlet) {
        String v = str(p, name);
        if (v == null) {
            throw new CmdletError(cmdlet
                    + " : Cannot process command because of one or more missing mandatory parameters: " + name + ".");
        }
        return v;
    }

    private List<Object> invoke(PsScript.Command c) {
        trace(c);
        String name = c.name();
        if (hang != null && hang.equalsIgnoreCase(name)) {
            while (true) {
                try {
                    Thread.sleep(60_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }
        if (failCmdlet != null && failCmdlet.equalsIgnoreCase(name)) {
            throw new CmdletError(failText);
        }
        boolean reads = name.regionMatches(true, 0, "Get-", 0, 4) || name.regionMatches(true, 0, "Test-", 0, 5);
        refuseWhatTheReferenceRefuses(c);
        sleep(costs.of(name));
        try {
            return dispatch(c, name.toLowerCase(Locale.ROOT));
        } catch (DeploymentFailure f) {
            // How the lab's refusals reach a script: an error record, worded as a busy or
            // unreachable server when the lab says it may pass if retried.
            throw new CmdletError(
                    f.isTransient() ? "The server is temporarily unavailable: " + f.getMessage() : f.getMessage());
        } finally {
            if (!reads) {
                cached = null;
            }
        }
    }

    private List<Object> dispatch(PsScript.Command c, String name) {
        Inventory inv;
        switch (name) {
            case "import-clixml": {
                Map<String, Object> p = params(c, Set.of("LiteralPath", "Path"));
                String path = Optional.ofNullable(str(p, "LiteralPath")).orElseGet(() -> str(p, "Path"));
                if (path == null) {
                    throw new CmdletError("Import-Clixml : Cannot process command because of one or more missing"
                            + " mandatory parameters: Path.");
                }
                return List.of(FakeCredentials.read(path));
            }
            case "test-path": {
                Map<String, Object> p = params(c, Set.of("LiteralPath", "PathType"));
                Path path = Path.of(required(p, "LiteralPath", "Test-Path"));
                boolean leaf = "Leaf".equalsIgnoreCase(str(p, "PathType"));
                return List.of(Files.isReadable(path) && (!leaf || Files.isRegularFile(path)));
            }
            case "get-cssite": {
                params(c, Set.of());
                inv = inv();
                List<Object> list = new ArrayList<>();
                for (Site s : inv.sites()) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("Identity", "Site:" + s.name());
                    m.put("SiteId", s.siteId());
                    m.put("SiteType", s.kind().name());
                    m.put("FederationRoute", s.federationRoute() == null ? null : "EdgeServer:" + s.federationRoute());
                    m.put(
                            "XmppFederationRoute",
                            s.xmppFederationRoute() == null ? null : "EdgeServer:" + s.xmppFederationRoute());
                    list.add(m);
                }
                return list;
            }
            case "get-cspool": {
                Map<String, Object> p = params(c, Set.of("Identity"));
                String id = str(p, "Identity");
                List<Object> list = new ArrayList<>();
                for (Pool pool : livePools()) {
                    if (id == null || pool.fqdn().is(id)) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("Identity", pool.fqdn());
                        m.put("Site", "Site:" + pool.site());
                        m.put("Computers", pool.servers());
                        list.add(m);
                    }
                }
                if (id != null && list.isEmpty()) {
                    throw new CmdletError("Get-CsPool : Management object not found for identity \"" + id + "\".");
                }
                return list;
            }
            case "get-csservice": {
                Map<String, Object> p = params(c, Set.of("CentralManagement"));
                List<Object> list = new ArrayList<>();
                Fqdn cms = inv().cmsPool();
                for (Pool pool : livePools()) {
                    int version = catalog.version(pool.version()).serviceVersion();
                    if (!p.containsKey("CentralManagement")) {
                        roles(pool.role()).forEach(role -> list.add(service(role, pool, version)));
                    }
                    if (pool.role() == PoolRole.FrontEnd) {
                        Map<String, Object> m = service("CentralManagement", pool, version);
                        m.put("Active", pool.fqdn().equals(cms));
                        list.add(m);
                    }
                }
                return list;
            }
            case "get-csuser": {
                Map<String, Object> p = params(c, Set.of("Identity", "ResultSize"));
                String id = str(p, "Identity");
                inv = inv();
                List<Object> list = new ArrayList<>();
                if (id != null) {
                    User u = inv.findUser(id)
                            .orElseThrow(() -> new CmdletError(
                                    "Get-CsUser : Management object not found for identity \"" + id + "\"."));
                    list.add(user(u));
                } else {
                    inv.users().forEach(u -> list.add(user(u)));
                }
                return list;
            }
            case "get-csmanagementstorereplicationstatus": {
                params(c, Set.of());
                List<Object> list = new ArrayList<>();
                for (Replica r : lab.replication()) {
                    list.add(new LinkedHashMap<>(Map.of("ReplicaFqdn", r.fqdn(), "UpToDate", r.upToDate())));
                }
                return list;
            }
            case "get-cshealthmonitoringconfiguration": {
                params(c, Set.of("Identity"));
                List<String> unconfigured = List.of(
                        noHealth == null
                                ? new String[0]
                                : noHealth.toLowerCase(Locale.ROOT).split(","));
                List<Object> list = new ArrayList<>();
                for (Pool pool : allPools()) {
                    if (pool.role() == PoolRole.FrontEnd
                            && !unconfigured.contains(pool.fqdn().text().toLowerCase(Locale.ROOT))) {
                        Map<String, Object> m = new LinkedHashMap<>();
                        m.put("Identity", pool.fqdn().text());
                        m.put(
                                "FirstTestUserSipUri",
                                "sip:health1@" + pool.fqdn().text());
                        m.put(
                                "SecondTestUserSipUri",
                                "sip:health2@" + pool.fqdn().text());
                        list.add(m);
                    }
                }
                return list;
            }
            case "get-csalloweddomain": {
                params(c, Set.of());
                List<Object> list = new ArrayList<>();
                inv().partners().forEach(d -> list.add(new LinkedHashMap<>(Map.of("Identity", d, "Domain", d))));
                return list;
            }
            case "get-cswindowsservice": {
                Map<String, Object> p = params(c, Set.of("ComputerName"));
                String server = required(p, "ComputerName", c.name());
                Pool pool = poolOfServer(server);
                if (lab.poolState(pool.fqdn()) == PoolState.Down) {
                    throw new CmdletError("Get-CsWindowsService : The RPC server is unavailable. (" + server + ")");
                }
                List<Object> list = new ArrayList<>();
                for (ServiceState s : lab.services(pool.fqdn())) {
                    if (s.computer().is(server)) {
                        list.add(new LinkedHashMap<>(
                                Map.of("Name", s.name(), "Status", s.status().name(), "ActivityLevel", "")));
                    }
                }
                return list;
            }
            case "move-csuser": {
                Map<String, Object> p = params(c, Set.of("Identity", "Target", "ProxyPool"));
                String id = required(p, "Identity", c.name());
                String target = required(p, "Target", c.name());
                String proxy = str(p, "ProxyPool");
                if (proxy != null
                        && allPools().stream().noneMatch(x -> x.fqdn().is(proxy) && x.role() == PoolRole.Edge)) {
                    throw new CmdletError("Move-CsUser : ProxyPool " + proxy + " is not an Edge pool of the topology.");
                }
                if (lab.homeOf(Subject.user(SipAddress.of(id))).isEmpty()) {
                    throw new CmdletError("Move-CsUser : Management object not found for identity \"" + id + "\".");
                }
                lab.move(Subject.user(SipAddress.of(id)), Fqdn.of(target));
                return List.of();
            }
            case "move-cscommonareaphone":
            case "move-csanalogdevice":
            case "move-csexumcontact":
            case "move-csmeetingroom":
            case "move-csthirdpartyvideosystem": {
                Map<String, Object> p = params(c, Set.of("Identity", "Target"));
                HomedKind kind = kindOf(c.name());
                lab.move(
                        new Subject(kind, required(p, "Identity", c.name())), Fqdn.of(required(p, "Target", c.name())));
                return List.of();
            }
            case "move-csapplicationendpoint": {
                Map<String, Object> p = params(c, Set.of("Identity", "TargetApplicationPool"));
                String id = required(p, "Identity", c.name());
                HomedKind kind =
                        List.of(HomedKind.ApplicationEndpoint, HomedKind.DialInAccessNumber, HomedKind.RgsContact)
                                .stream()
                                .filter(k -> lab.homeOf(new Subject(k, id)).isPresent())
                                .findFirst()
                                .orElseThrow(() -> new CmdletError(
                                        "Move-CsApplicationEndpoint : Management object not found for identity \"" + id
                                                + "\"."));
                lab.move(new Subject(kind, id), Fqdn.of(required(p, "TargetApplicationPool", c.name())));
                return List.of();
            }
            case "move-csconferencedirectory": {
                Map<String, Object> p = params(c, Set.of("Identity", "TargetPool"));
                lab.move(
                        new Subject(HomedKind.ConferenceDirectory, required(p, "Identity", c.name())),
                        Fqdn.of(required(p, "TargetPool", c.name())));
                return List.of();
            }
            case "set-cscallparkorbit": {
                Map<String, Object> p = params(c, Set.of("Identity", "CallParkService"));
                lab.move(
                        new Subject(HomedKind.CallParkOrbit, required(p, "Identity", c.name())),
                        Fqdn.of(service(required(p, "CallParkService", c.name()), "ApplicationServer:")));
                return List.of();
            }
            case "move-csrgsconfiguration": {
                // Source and Destination are pool FQDNs: the configuration homed on the source moves.
                Map<String, Object> p = params(c, Set.of("Source", "Destination"));
                String source = required(p, "Source", c.name());
                Fqdn destination = Fqdn.of(required(p, "Destination", c.name()));
                for (HomedObject o : inv().objects()) {
                    if (o.kind() == HomedKind.RgsConfiguration && o.pool().equals(Fqdn.of(source))) {
                        lab.move(new Subject(HomedKind.RgsConfiguration, o.identity()), destination);
                    }
                }
                return List.of();
            }
            case "export-csrgsconfiguration": {
                // The file holds the Response Group configuration of the source pool; the import
                // that names the file re-homes it. Files live as long as the shell process does.
                Map<String, Object> p =
                        params(c, Set.of("Source", "FileName", "Force", "Owner", "RemoveExportedConfiguration"));
                Fqdn source = Fqdn.of(service(required(p, "Source", c.name()), "ApplicationServer:"));
                HomedObject rgs = inv().objects().stream()
                        .filter(o -> o.kind() == HomedKind.RgsConfiguration
                                && o.pool().equals(source))
                        .findFirst()
                        .orElseThrow(() -> new CmdletError("Export-CsRgsConfiguration : No Response Group configuration"
                                + " was found for \"" + source + "\"."));
                exported.put(required(p, "FileName", c.name()), rgs.identity());
                return List.of();
            }
            case "import-csrgsconfiguration": {
                Map<String, Object> p = params(
                        c,
                        Set.of(
                                "Destination",
                                "FileName",
                                "Force",
                                "OverwriteOwner",
                                "ReplaceExistingRgsSettings",
                                "ResolveNameConflicts"));
                String file = required(p, "FileName", c.name());
                String identity = exported.get(file);
                if (identity == null) {
                    throw new CmdletError("Import-CsRgsConfiguration : Could not find file '" + file + "'.");
                }
                Fqdn destination = Fqdn.of(service(required(p, "Destination", c.name()), "ApplicationServer:"));
                lab.exportImport(new Subject(HomedKind.RgsConfiguration, identity), destination);
                return List.of();
            }
            case "start-cswindowsservice": {
                // The lab starts a pool as a whole: starting any of its servers deploys it.
                Map<String, Object> p = params(c, Set.of("ComputerName"));
                Pool pool = poolOfServer(required(p, "ComputerName", c.name()));
                if (lab.poolState(pool.fqdn()) == PoolState.NotDeployed) {
                    lab.deploy(pool.fqdn());
                }
                return List.of();
            }
            case "invoke-command": {
                Map<String, Object> p = params(c, Set.of("ComputerName", "ScriptBlock"));
                String server = required(p, "ComputerName", c.name());
                if (!(p.get("ScriptBlock") instanceof PsScript.Block block)) {
                    throw new CmdletError("Invoke-Command : -ScriptBlock is missing");
                }
                poolOfServer(server);
                String before = computer;
                computer = server;
                try {
                    // A block of one command answers with that command's output, as remoting does.
                    if (block.statements().size() == 1
                            && block.statements().get(0) instanceof PsScript.Pipeline p1
                            && p1.elements().size() == 1
                            && p1.elements().get(0) instanceof PsScript.Command only) {
                        return invoke(only);
                    }
                    execute(block.statements(), null);
                } finally {
                    computer = before;
                }
                return List.of();
            }
            case "get-csserverversion": {
                params(c, Set.of());
                if (computer == null) {
                    throw new CmdletError(
                            "Get-CsServerVersion : this fake answers for a server named by Invoke-Command.");
                }
                // What the real cmdlet prints: "<product> (<build>): <licence>".
                return inv().serverVersions().stream()
                        .filter(v -> v.computer().is(computer))
                        .<Object>map(v -> v.product() + " (" + v.version() + "): Volume license key installed.")
                        .toList();
            }
            case "move-csmanagementserver": {
                params(c, Set.of());
                if (computer == null) {
                    throw new CmdletError(
                            "Move-CsManagementServer : run it on a server of the pool that is to host the Central Management Store.");
                }
                lab.move(Subject.cms(), poolOfServer(computer).fqdn());
                return List.of();
            }
            case "set-cssite": {
                Map<String, Object> p = params(c, Set.of("Identity", "FederationRoute"));
                String site = service(required(p, "Identity", c.name()), "Site:");
                lab.setFederationRoute(site, Fqdn.of(service(required(p, "FederationRoute", c.name()), "EdgeServer:")));
                return List.of();
            }
            case "start-cspool": {
                Map<String, Object> p = params(c, Set.of("PoolFqdn"));
                lab.deploy(Fqdn.of(required(p, "PoolFqdn", c.name())));
                return List.of();
            }
            case "stop-cswindowsservice": {
                Map<String, Object> p = params(c, Set.of("ComputerName", "Graceful"));
                if (!p.containsKey("Graceful")) {
                    throw new CmdletError("this shell stops services only gracefully");
                }
                // The lab has no "stopped but still in the topology" state: stopping a pool's services
                // decommissions it there, as if Topology Builder's removal followed at once.
                // Stopping a server of a pool already decommissioned stops nothing more.
                lab.decommission(poolOfServer(required(p, "ComputerName", c.name()), allPools())
                        .fqdn());
                return List.of();
            }
            case "get-cseffectivepolicy": {
                Map<String, Object> p = params(c, Set.of("Identity"));
                return List.of(userData.effective(required(p, "Identity", c.name())));
            }
            case "export-csuserdata": {
                Map<String, Object> p = params(c, Set.of("PoolFqdn", "UserFilter", "FileName"));
                userData.export(
                        required(p, "PoolFqdn", c.name()),
                        required(p, "UserFilter", c.name()),
                        required(p, "FileName", c.name()));
                return List.of();
            }
            case "update-csuserdata": {
                Map<String, Object> p = params(c, Set.of("FileName", "UserFilter"));
                userData.update(required(p, "FileName", c.name()), required(p, "UserFilter", c.name()));
                return List.of();
            }
            case "set-csuser": {
                Map<String, Object> p = params(c, Set.of("Identity", "LineURI", "EnterpriseVoiceEnabled"));
                Object voice = p.get("EnterpriseVoiceEnabled");
                userData.set(required(p, "Identity", c.name()), str(p, "LineURI"), (Boolean) voice);
                return List.of();
            }
            default:
                if (name.startsWith("grant-cs")) {
                    Map<String, Object> p = params(c, Set.of("Identity", "PolicyName"));
                    if (userData.grant(name, required(p, "Identity", c.name()), required(p, "PolicyName", c.name()))) {
                        return List.of();
                    }
                }
                break;
        }
        for (HomedKind k : HomedKind.values()) {
            if (k.isObject() && Kinds.of(k).getter().equalsIgnoreCase(c.name())) {
                return objects(c, k);
            }
        }
        for (PolicyKind k : PolicyKind.values()) {
            if (("Get-Cs" + k.column()).equalsIgnoreCase(c.name())) {
                params(c, Set.of());
                return policies(k);
            }
        }
        for (ProbeKind k : ProbeKind.values()) {
            if (k.cmdlet().equalsIgnoreCase(c.name())) {
                return List.of(probe(c, k));
            }
        }
        throw new CmdletError("The term '" + c.name()
                + "' is not recognized as the name of a cmdlet, function, script file, or operable program.");
    }

    private Inventory inv() {
        if (cached == null) {
            cached = lab.snapshot();
        }
        return cached;
    }

    /** Every pool the lab was built with; their servers and roles never change, their states do. */
    private List<Pool> allPools() {
        if (pools == null) {
            pools = inv().pools();
        }
        return pools;
    }

    private List<Pool> livePools() {
        return allPools().stream()
                .filter(p -> lab.poolState(p.fqdn()) != PoolState.Decommissioned)
                .toList();
    }

    private Pool poolOfServer(String server) {
        return poolOfServer(server, livePools());
    }

    private static Pool poolOfServer(String server, List<Pool> among) {
        return among.stream()
                .filter(p -> p.servers().stream().anyMatch(m -> m.is(server)))
                .findFirst()
                .orElseThrow(() -> new CmdletError("Cannot find computer \"" + server + "\" in the topology."));
    }

    private static String service(String value, String prefix) {
        if (!value.regionMatches(true, 0, prefix, 0, prefix.length())) {
            throw new CmdletError("\"" + value + "\" is not a " + prefix + " identity");
        }
        return value.substring(prefix.length());
    }

    private static List<String> roles(PoolRole role) {
        switch (role) {
            case FrontEnd:
                return List.of("Registrar", "UserServer", "ApplicationServer");
            case Director:
                return List.of("Registrar");
            case Edge:
                return List.of("EdgeServer");
            case Mediation:
                return List.of("MediationServer");
            case PersistentChat:
                return List.of("PersistentChatServer");
            case SqlStore:
                return List.of("UserDatabase");
            default:
                return List.of("Other");
        }
    }

    private static Map<String, Object> service(String role, Pool pool, int version) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Identity", role + ":" + pool.fqdn());
        m.put("Role", role);
        m.put("PoolFqdn", pool.fqdn());
        m.put("Version", version);
        m.put("SiteId", "Site:" + pool.site());
        if (role.equals("EdgeServer") && pool.nextHop() != null) {
            m.put("Registrar", "Registrar:" + pool.nextHop());
        }
        return m;
    }

    private Map<String, Object> user(User u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("SipAddress", u.sipAddress());
        m.put("DisplayName", u.displayName());
        m.put("RegistrarPool", u.pool());
        m.put("Enabled", u.enabled());
        for (PolicyKind k : PolicyKind.values()) {
            m.put(k.column(), u.policies().get(k));
        }
        userData.addTo(m, u.sipAddress());
        return m;
    }

    private static HomedKind kindOf(String cmdlet) {
        for (HomedKind k : HomedKind.values()) {
            if (k.cmdlet().equalsIgnoreCase(cmdlet)) {
                return k;
            }
        }
        throw new CmdletError("no kind for " + cmdlet);
    }

    private List<Object> objects(PsScript.Command c, HomedKind kind) {
        Map<String, Object> p = params(c, Set.of("Identity"));
        String id = str(p, "Identity");
        Kinds kinds = Kinds.of(kind);
        List<Object> list = new ArrayList<>();
        // A Response Group configuration is named by its Application Server; one moved away still
        // answers to its old name, and the new pool's name finds it too.
        boolean rgs = kind == HomedKind.RgsConfiguration;
        for (HomedObject o : inv().objects()) {
            boolean named = id == null
                    || o.identity().equalsIgnoreCase(id)
                    || (rgs && id.equalsIgnoreCase("service:ApplicationServer:" + o.pool()));
            if (o.kind() == kind && named) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("Identity", o.identity());
                m.put("DisplayName", o.displayName());
                m.put(kinds.poolProperty(), kinds.poolPrefix() + o.pool());
                list.add(m);
            }
        }
        if (id != null && list.isEmpty()) {
            throw new CmdletError(c.name() + " : Management object not found for identity \"" + id + "\".");
        }
        return list;
    }

    /** The lab's policies as Get-Cs*Policy lists them; the lab's names travel in Name. */
    private List<Object> policies(PolicyKind kind) {
        Inventory inv = inv();
        List<Object> list = new ArrayList<>();
        String global = inv.policies().global().get(kind);
        if (global != null) {
            list.add(new LinkedHashMap<>(Map.of("Identity", "Global", "Name", global)));
        }
        inv.policies().bySite().forEach((site, m) -> {
            if (m.containsKey(kind)) {
                list.add(new LinkedHashMap<>(Map.of("Identity", "Site:" + site, "Name", m.get(kind))));
            }
        });
        return list;
    }

    /** For a federated test of an Edge: the first user (by SIP address) homed in a site that federates through it. */
    private String federatingUser(String edge) {
        Inventory inv = inv();
        Fqdn route = Fqdn.of(edge);
        return inv.users().stream()
                .filter(u -> inv.sites().stream()
                        .anyMatch(s -> route.equals(s.federationRoute())
                                && allPools().stream().anyMatch(x -> x.fqdn().equals(u.pool()) && s.isNamed(x.site()))))
                .map(u -> u.sipAddress().text())
                .sorted(String.CASE_INSENSITIVE_ORDER)
                .findFirst()
                .orElseThrow(() -> new CmdletError("Test-CsFederatedPartner : no site federates through " + edge));
    }

    /** The credential parameters of the Test-Cs* cmdlets' ClientPlatform sets, and the address each signs in. */
    private static final Map<String, String> CREDENTIALS = Map.of(
            "UserCredential", "UserSipAddress",
            "SenderCredential", "SenderSipAddress",
            "ReceiverCredential", "ReceiverSipAddress",
            "SubscriberCredential", "SubscriberSipAddress",
            "PublisherCredential", "PublisherSipAddress");

    private Object probe(PsScript.Command c, ProbeKind kind) {
        Set<String> allowed = new java.util.HashSet<>(Set.of(
                "UserSipAddress",
                "SubscriberSipAddress",
                "PublisherSipAddress",
                "SenderSipAddress",
                "ReceiverSipAddress",
                "TargetFqdn",
                "Domain",
                "Receiver"));
        allowed.addAll(CREDENTIALS.keySet());
        Map<String, Object> p = params(c, allowed);
        String target = str(p, "TargetFqdn");
        if (target == null) {
            throw new CmdletError(c.name() + " : this shell runs synthetic transactions only with -TargetFqdn"
                    + " (the pool's test users, or test accounts with their credentials), never prompting");
        }
        String from = Optional.ofNullable(str(p, "UserSipAddress"))
                .or(() -> Optional.ofNullable(str(p, "SubscriberSipAddress")))
                .or(() -> Optional.ofNullable(str(p, "SenderSipAddress")))
                .orElseGet(() -> kind == ProbeKind.Federated ? federatingUser(target) : null);
        boolean asAccounts = false;
        for (Map.Entry<String, String> e : CREDENTIALS.entrySet()) {
            if (!p.containsKey(e.getKey())) {
                continue;
            }
            if (!(p.get(e.getKey()) instanceof FakeCredentials.Credential cred)) {
                throw new CmdletError(c.name() + " : Cannot process argument transformation on parameter '" + e.getKey()
                        + "'. A PSCredential is expected.");
            }
            String sip = str(p, e.getValue());
            if (sip == null || !FakeCredentials.signsInAs(cred, sip)) {
                // As a registrar answers a sign-in with the wrong password: the test fails, the cmdlet does not.
                return result(
                        target,
                        false,
                        0,
                        "401 Unauthorized: " + cred.userName() + " cannot sign in as " + sip,
                        "the credential file belongs to another account");
            }
            asAccounts = true;
        }
        // A test account signs in through the target pool, which redirects it to its home pool as a
        // registrar does; the pool's own test users must be homed on it.
        if (!asAccounts && kind != ProbeKind.External && kind != ProbeKind.Federated) {
            Fqdn home = inv().findUser(from).map(User::pool).orElse(null);
            if (home != null && !home.equals(Fqdn.of(target))) {
                throw new CmdletError(c.name() + " : " + from + " is not homed on " + target);
            }
        }
        String to = Optional.ofNullable(str(p, "PublisherSipAddress"))
                .or(() -> Optional.ofNullable(str(p, "ReceiverSipAddress")))
                .or(() -> Optional.ofNullable(str(p, "Domain")))
                .orElse(str(p, "Receiver"));
        String via = kind == ProbeKind.External ? str(p, "TargetFqdn") : null;
        ProbeResult r = lab.probe(new Probe(kind, SipAddress.of(from), to, via == null ? null : Fqdn.of(via)));
        return result(r.target(), r.success(), r.latencyMillis(), r.error(), r.diagnosis());
    }

    private static Map<String, Object> result(
            String target, boolean success, long latency, String error, String diagnosis) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("TargetFqdn", target);
        m.put("Result", success ? "Success" : "Failure");
        m.put("Latency", Map.of("TotalMilliseconds", latency));
        m.put("Error", error);
        m.put("Diagnosis", diagnosis);
        return m;
    }
}
