package io.cutover.shell;

import io.cutover.deployment.Subject;
import io.cutover.deployment.UserState;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.SipAddress;
import io.cutover.lab.Lab;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The fake shell's user data cmdlets against a lab: Get-CsEffectivePolicy, Export-CsUserData
 * (a zip holding a DocItemSet.xml with the user's contacts and conferences), Update-CsUserData
 * (reads such a zip back), Set-CsUser (LineURI, Enterprise Voice) and Grant-Cs&lt;policy&gt;.
 */
final class FakeUserData {
    private final Lab lab;

    FakeUserData(Lab lab) {
        this.lab = lab;
    }

    /** Get-CsUser's LineURI and EnterpriseVoiceEnabled of a user. */
    void addTo(Map<String, Object> user, SipAddress sip) {
        state(sip).ifPresent(s -> {
            user.put("LineURI", s.lineUri() == null ? "" : s.lineUri());
            user.put("EnterpriseVoiceEnabled", s.enterpriseVoice());
        });
    }

    Optional<UserState> state(SipAddress sip) {
        List<UserState> s = lab.userStates(List.of(sip));
        return s.isEmpty() ? Optional.empty() : Optional.of(s.get(0));
    }

    private UserState require(String identity, String cmdlet) {
        return state(SipAddress.of(identity))
                .orElseThrow(() -> new FakeShell.CmdletError(
                        cmdlet + " : Management object not found for identity \"" + identity + "\"."));
    }

    Map<String, Object> effective(String identity) {
        UserState s = require(identity, "Get-CsEffectivePolicy");
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("Identity", identity);
        for (PolicyKind k : PolicyKind.values()) {
            String v = s.effective().get(k);
            m.put(k.column(), v == null ? null : "Tag:" + v);
        }
        return m;
    }

    /** Export-CsUserData -PoolFqdn -UserFilter -FileName: only users homed on that pool are exported, as the real one. */
    void export(String pool, String userFilter, String file) {
        SipAddress sip = SipAddress.of("sip:" + userFilter);
        StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<DocItemSet"
                + " xmlns=\"urn:schema:Microsoft.Rtc.Management.ScopeFramework.2008\" Version=\"1.0\">\n");
        Optional<UserState> s = state(sip);
        Optional<Fqdn> home = lab.homeOf(Subject.user(sip));
        if (s.isPresent() && home.isPresent() && home.get().is(pool)) {
            xml.append("  <DocItem Name=\"urn:hcd:").append(userFilter).append("\"><Data><HomedResource><Contacts>");
            for (int i = 1; i <= s.get().contacts(); i++) {
                xml.append("<Contact Buddy=\"sip:contact").append(i).append("@contoso.com\"/>");
            }
            xml.append("</Contacts></HomedResource></Data></DocItem>\n");
            xml.append("  <DocItem Name=\"urn:lcd:").append(userFilter).append("\"><Data><Conferences>");
            for (String id : s.get().conferenceIds()) {
                xml.append("<Conference ConferenceId=\"").append(id).append("\"/>");
            }
            xml.append("</Conferences></Data></DocItem>\n");
        }
        xml.append("</DocItemSet>\n");
        try (OutputStream out = Files.newOutputStream(Path.of(file));
                ZipOutputStream z = new ZipOutputStream(out)) {
            z.putNextEntry(new ZipEntry("DocItemSet.xml"));
            z.write(xml.toString().getBytes(StandardCharsets.UTF_8));
            z.closeEntry();
        } catch (IOException e) {
            throw new FakeShell.CmdletError("Export-CsUserData : cannot write " + file + ": " + e.getMessage());
        }
    }

    /** Update-CsUserData -FileName -UserFilter: the contacts and conferences of the file come back. */
    void update(String file, String userFilter) {
        SipAddress sip = SipAddress.of("sip:" + userFilter);
        UserState now = require(sip.text(), "Update-CsUserData");
        ShellUserData.Export data = ShellUserData.Export.read(Path.of(file));
        List<String> ids = new ArrayList<>(now.conferenceIds());
        data.conferenceIds().stream().filter(id -> !ids.contains(id)).forEach(ids::add);
        lab.restore(with(now, now.perUser(), now.lineUri(), now.enterpriseVoice(), ids, data.contacts()));
    }

    void set(String identity, String lineUri, Boolean voice) {
        UserState now = require(identity, "Set-CsUser");
        lab.restore(with(
                now,
                now.perUser(),
                lineUri == null ? now.lineUri() : lineUri,
                voice == null ? now.enterpriseVoice() : voice,
                now.conferenceIds(),
                now.contacts()));
    }

    /** Grant-Cs&lt;policy&gt;, when {@code cmdlet} is one; false otherwise. */
    boolean grant(String cmdlet, String identity, String policy) {
        for (PolicyKind k : PolicyKind.values()) {
            if (("Grant-Cs" + k.column()).equalsIgnoreCase(cmdlet)) {
                UserState now = require(identity, cmdlet);
                Map<PolicyKind, String> p = new EnumMap<>(PolicyKind.class);
                p.putAll(now.perUser());
                p.put(k, policy);
                lab.restore(with(now, p, now.lineUri(), now.enterpriseVoice(), now.conferenceIds(), now.contacts()));
                return true;
            }
        }
        return false;
    }

    private static UserState with(
            UserState s,
            Map<PolicyKind, String> perUser,
            String lineUri,
            boolean voice,
            List<String> ids,
            Integer contacts) {
        return new UserState(
                s.sipAddress(), perUser, s.effective(), lineUri, voice, ids, s.conferenceDirectory(), contacts, null);
    }
}
