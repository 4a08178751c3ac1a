package io.cutover.lab;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import java.util.Locale;

/**
 * Scenarios made by code rather than by hand: big synthetic deployments for benchmarks and load
 * tests. They are written as scenario YAML and parsed, so they go through exactly the checks and
 * the expansion a file does.
 */
public final class Scenarios {
    private Scenarios() {}

    /**
     * A deployment of {@code sites} central sites, each with a legacy Front End pool (Lync Server
     * 2013 in odd sites, Skype for Business Server 2015 in even ones), a Skype for Business Server
     * 2019 Front End pool (deployed, empty), and a legacy and a 2019 Edge; {@code users} users spread
     * evenly over the legacy pools, a few of them depending on Persistent Chat.
     */
    public static Scenario synthetic(int sites, int users) {
        return Scenario.parse(syntheticYaml(sites, users), "synthetic-" + sites + "-sites-" + users + "-users.yaml");
    }

    /** The scenario text of {@link #synthetic}, e.g. for {@code Lab.create}. */
    public static String syntheticYaml(int sites, int users) {
        if (sites < 1 || sites > 99 || users < 0 || users > ScenarioParser.MAX_USERS) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    "a synthetic scenario has 1 to 99 sites and 0 to " + ScenarioParser.MAX_USERS + " users, not "
                            + sites + " sites and " + users + " users");
        }
        StringBuilder y = new StringBuilder();
        y.append("name: Synthetic ")
                .append(sites)
                .append(" sites, ")
                .append(users)
                .append(" users\n");
        y.append("domain: contoso.com\n");
        y.append("epoch: 2024-03-01T09:00:00Z\n");
        y.append("policies: {Conferencing: Default, ExternalAccess: Default}\n");
        y.append("cms: legacy01.contoso.com\n");
        y.append("partners: [fabrikam.com]\n");
        y.append(
                "activity: {seed: 1, newMeeting: 0.1, clientUpgrade: 0.1, upgradedClient: \"Skype for Business 2019 (16.0.10827.20150)\"}\n");
        y.append("sites:\n");
        for (int s = 1; s <= sites; s++) {
            String n = two(s);
            y.append("  - {name: Site")
                    .append(n)
                    .append(", siteId: ")
                    .append(s)
                    .append(", federationRoute: legacyedge")
                    .append(n)
                    .append(".contoso.com")
                    .append(", xmppFederationRoute: legacyedge")
                    .append(n)
                    .append(".contoso.com")
                    .append(", policies: {Conferencing: Site")
                    .append(n)
                    .append("Conferencing}}\n");
        }
        y.append("pools:\n");
        for (int s = 1; s <= sites; s++) {
            String n = two(s);
            int share = users / sites + (s <= users % sites ? 1 : 0);
            String legacy = s % 2 == 1 ? "Lync Server 2013" : "Skype for Business Server 2015";
            y.append("  - fqdn: legacy").append(n).append(".contoso.com\n");
            y.append("    site: Site").append(n).append("\n");
            y.append("    role: FrontEnd\n");
            y.append("    version: ").append(legacy).append("\n");
            y.append("    servers: 4\n");
            y.append("    users:\n");
            y.append("      count: ").append(share).append("\n");
            y.append("      name: \"s").append(n).append("u{n:06}\"\n");
            y.append("      displayName: \"Site ").append(n).append(" user {n}\"\n");
            y.append("      test: ").append(Math.min(5, share)).append("\n");
            y.append("      policies:\n");
            y.append("        - {kind: Conferencing, policy: Conferencing-Large, every: 3}\n");
            y.append("        - {kind: ExternalAccess, policy: External-Partners, every: 10, from: 2}\n");
            y.append("      features:\n");
            y.append("        - {feature: PersistentChat, every: 997, from: 500, count: 20}\n");
            y.append("      meetings:\n");
            y.append("        - {perUser: 1, every: 4}\n");
            y.append("      clients:\n");
            y.append("        - {version: \"Lync 2013 (15.0.5023.1000)\"}\n");
            y.append("        - {version: \"Skype for Business 2016 (16.0.4849.1000)\", every: 2}\n");
            y.append("    objects: {CommonAreaPhone: 2, AnalogDevice: 2, ExUmContact: 2, MeetingRoom: 2, ")
                    .append("ThirdPartyVideoSystem: 2, ApplicationEndpoint: 2, DialInAccessNumber: 2, RgsContact: 2, ")
                    .append("ConferenceDirectory: 2, CallParkOrbit: 2, RgsConfiguration: 1}\n");
            y.append(String.format(
                    Locale.ROOT,
                    "  - {fqdn: sfb19pool%s.contoso.com, site: Site%s, role: FrontEnd, "
                            + "version: Skype for Business Server 2019, servers: 4}%n",
                    n,
                    n));
            y.append(String.format(
                    Locale.ROOT,
                    "  - {fqdn: legacyedge%s.contoso.com, site: Site%s, role: Edge, "
                            + "version: %s, servers: 2, nextHop: legacy%s.contoso.com}%n",
                    n,
                    n,
                    legacy,
                    n));
            y.append(String.format(
                    Locale.ROOT,
                    "  - {fqdn: sfb19edge%s.contoso.com, site: Site%s, role: Edge, "
                            + "version: Skype for Business Server 2019, servers: 2, nextHop: sfb19pool%s.contoso.com}%n",
                    n,
                    n,
                    n));
        }
        return y.toString();
    }

    private static String two(int n) {
        return String.format(Locale.ROOT, "%02d", n);
    }
}
