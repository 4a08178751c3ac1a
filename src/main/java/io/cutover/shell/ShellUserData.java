package io.cutover.shell;

import static io.cutover.shell.InventoryParser.text;

import com.fasterxml.jackson.databind.JsonNode;
import io.cutover.deployment.DeploymentFailure;
import io.cutover.deployment.UserState;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.SipAddress;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/**
 * A user's verifiable state through the Management Shell: Get-CsUser (per-user policies, LineURI,
 * Enterprise Voice), Get-CsEffectivePolicy (from Lync Server 2013), and Export-CsUserData into the
 * user data folder (from Lync Server 2013), whose DocItemSet.xml gives the contacts ({@code
 * Contact} elements) and the meetings ({@code Conference} elements, their {@code ConferenceId}).
 * Restoring is Update-CsUserData from the export taken before the move, Set-CsUser for the LineURI
 * and Enterprise Voice, and Grant-Cs&lt;policy&gt; for each per-user policy that changed. The
 * conference directory is not read through the shell.
 */
final class ShellUserData {
    private final Statements st;
    private final Path folder;

    /** @param folder where Export-CsUserData writes, as both sides see it; null for no export */
    ShellUserData(Statements st, Path folder) {
        this.st = st;
        this.folder = folder;
    }

    /** Whether {@link #reads} exports the user's data: a folder is set and the shell has the cmdlet. */
    boolean exports() {
        return folder != null && st.version().has("Export-CsUserData");
    }

    /** The file a read of this user exports to: unique per read, so an export taken before a move is never overwritten. */
    Path exportFile(SipAddress user, long read) {
        return folder.resolve(
                "userdata-" + Integer.toHexString(user.key().hashCode()) + "-" + Long.toString(read, 36) + ".zip");
    }

    /**
     * The state of each of {@code users} the deployment has, read in one go through {@code run}.
     *
     * @param next numbers each export file
     */
    List<UserState> read(
            List<SipAddress> users,
            java.util.function.LongSupplier next,
            java.util.function.Function<List<String>, List<ShellDeployment.Answer>> run) {
        List<String> qs = new ArrayList<>();
        List<Path> exports = new ArrayList<>();
        for (SipAddress u : users) {
            Path export = exports() ? exportFile(u, next.getAsLong()) : null;
            exports.add(export);
            qs.addAll(reads(u, export));
        }
        List<ShellDeployment.Answer> answers = run.apply(qs);
        List<UserState> states = new ArrayList<>();
        for (int i = 0, at = 0; i < users.size(); i++) {
            int n = reads(users.get(i), exports.get(i)).size();
            UserState s = state(users.get(i), answers.subList(at, at + n), exports.get(i));
            at += n;
            if (s != null) {
                states.add(s);
            }
        }
        return states;
    }

    /** The statements that read one user, in the order {@link #state} takes their answers. */
    List<String> reads(SipAddress user, Path export) {
        List<String> qs = new ArrayList<>();
        qs.add(st.query(Cmdlet.of("Get-CsUser").with("Identity", user)));
        if (st.version().has("Get-CsEffectivePolicy")) {
            qs.add(st.query(Cmdlet.of("Get-CsEffectivePolicy").with("Identity", user)));
        }
        if (export != null) {
            qs.add(st.action(Cmdlet.of("Export-CsUserData")
                    .with(
                            "PoolFqdn",
                            Cmdlet.of("Get-CsUser").with("Identity", user).with("ErrorAction", "Stop"),
                            "RegistrarPool")
                    .with("UserFilter", SipAddress.withoutScheme(user.text()))
                    .with("FileName", export.toString())));
        }
        return qs;
    }

    /** The user's state from the answers to {@link #reads}, or null when Get-CsUser does not find the user. */
    UserState state(SipAddress user, List<ShellDeployment.Answer> answers, Path export) {
        ShellDeployment.Answer u = answers.get(0);
        if (!u.ok() && ShellErrors.notFound(u.error())) {
            return null;
        }
        for (ShellDeployment.Answer a : answers) {
            if (!a.ok()) {
                throw ShellErrors.failure("reading the data of " + user, a.error());
            }
        }
        if (u.data().isEmpty()) {
            return null;
        }
        JsonNode n = u.data().get(0);
        Map<PolicyKind, String> effective = answers.size() > 1 && st.version().has("Get-CsEffectivePolicy")
                ? policies(answers.get(1).data())
                : Map.of();
        Export data = export == null ? new Export(List.of(), null) : Export.read(export);
        return new UserState(
                user,
                policies(List.of(n)),
                effective,
                emptyAsNull(text(n, "LineURI", null)),
                n.path("EnterpriseVoiceEnabled").asBoolean(false),
                data.conferenceIds(),
                null,
                data.contacts(),
                export == null ? null : export.toString());
    }

    private static Map<PolicyKind, String> policies(List<JsonNode> nodes) {
        Map<PolicyKind, String> m = new EnumMap<>(PolicyKind.class);
        if (nodes.isEmpty()) {
            return m;
        }
        for (PolicyKind k : PolicyKind.values()) {
            String v = emptyAsNull(text(nodes.get(0), k.column(), null));
            if (v != null) {
                m.put(k, v.regionMatches(true, 0, "Tag:", 0, 4) ? v.substring(4) : v);
            }
        }
        return m;
    }

    private static String emptyAsNull(String v) {
        return v == null || v.isEmpty() ? null : v;
    }

    /**
     * The statements that put back everything {@code before} had: its export, its LineURI and
     * Enterprise Voice, and each per-user policy. Done whole rather than by difference: reading the
     * user again first would cost another round trip, and each statement sets what it sets.
     */
    List<String> restore(UserState before) {
        SipAddress user = before.sipAddress();
        List<String> actions = new ArrayList<>();
        if (before.export() != null && st.version().has("Update-CsUserData")) {
            actions.add(st.action(Cmdlet.of("Update-CsUserData")
                    .with("FileName", before.export())
                    .with("UserFilter", SipAddress.withoutScheme(user.text()))
                    .flag("Confirm", false)));
        }
        Cmdlet set = Cmdlet.of("Set-CsUser").with("Identity", user);
        set = before.lineUri() == null ? set : set.with("LineURI", before.lineUri());
        actions.add(st.action(set.flag("EnterpriseVoiceEnabled", before.enterpriseVoice())));
        for (PolicyKind k : PolicyKind.values()) {
            String was = before.perUser().get(k);
            if (was != null && st.version().has("Grant-Cs" + k.column())) {
                actions.add(st.action(Cmdlet.of("Grant-Cs" + k.column())
                        .with("Identity", user)
                        .with("PolicyName", was)));
            }
        }
        return actions;
    }

    /** What an Export-CsUserData file says of its user: the contact count and the conference ids. */
    record Export(List<String> conferenceIds, Integer contacts) {
        static Export read(Path zip) {
            try (InputStream in = Files.newInputStream(zip);
                    ZipInputStream z = new ZipInputStream(in)) {
                for (ZipEntry e = z.getNextEntry(); e != null; e = z.getNextEntry()) {
                    if (isDocItemSet(e.getName())) {
                        return of(parse(z));
                    }
                }
                throw DeploymentFailure.permanent(zip + " holds no DocItemSet.xml: is it an Export-CsUserData file?");
            } catch (IOException e) {
                throw DeploymentFailure.permanent("cannot read the user data export " + zip + ": " + e.getMessage());
            }
        }

        /** The entry holding the data, named in any case (a file name, not an identity). */
        private static boolean isDocItemSet(String entry) {
            String name = "DocItemSet.xml";
            return entry.length() == name.length() && entry.regionMatches(true, 0, name, 0, name.length());
        }

        private static Document parse(InputStream in) throws IOException {
            try {
                DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
                // An export is data from a server: no DTDs, no external entities.
                f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
                f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
                f.setNamespaceAware(true);
                return f.newDocumentBuilder().parse(new NonClosing(in));
            } catch (ParserConfigurationException | SAXException e) {
                throw new IOException("DocItemSet.xml does not parse: " + e.getMessage(), e);
            }
        }

        private static Export of(Document d) {
            NodeList contacts = d.getElementsByTagNameNS("*", "Contact");
            NodeList conferences = d.getElementsByTagNameNS("*", "Conference");
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < conferences.getLength(); i++) {
                String id = ((Element) conferences.item(i)).getAttribute("ConferenceId");
                if (!id.isEmpty()) {
                    ids.add(id);
                }
            }
            return new Export(ids, contacts.getLength());
        }
    }

    /** The zip stream stays open for its next entry when the XML parser closes what it read. */
    private static final class NonClosing extends java.io.FilterInputStream {
        NonClosing(InputStream in) {
            super(Objects.requireNonNull(in));
        }

        @Override
        public void close() {}
    }
}
