package io.cutover.shell;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.HexFormat;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * Import-Clixml of a PSCredential as the fake shell does it: the CliXML that
 * {@code Get-Credential | Export-Clixml} writes, read with no DTD and no external entity. Its
 * {@code <SS N="Password">} is, on Windows, the DPAPI-protected password in hex; here it is the
 * password's UTF-16LE bytes in hex (the stand-in's "protection"), decoded only to check it and
 * never kept or written anywhere. A missing file or one that is not such CliXML is refused with the
 * words of the real cmdlet where it has them.
 */
final class FakeCredentials {
    static final String NS = "http://schemas.microsoft.com/powershell/2004/04";

    /** What Import-Clixml gives back: a PSCredential, of which the shell needs only the user name. */
    record Credential(String userName) {
        @Override
        public String toString() {
            return "System.Management.Automation.PSCredential";
        }
    }

    private FakeCredentials() {}

    /** @throws FakeShell.CmdletError when the file is missing, unreadable or not a PSCredential's CliXML */
    static Credential read(String path) {
        Document doc;
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            doc = builder().parse(in);
        } catch (NoSuchFileException e) {
            throw new FakeShell.CmdletError("Import-Clixml : Could not find file '" + path + "'.");
        } catch (IOException e) {
            throw new FakeShell.CmdletError("Import-Clixml : Access to the path '" + path + "' is denied.");
        } catch (SAXException e) {
            throw new FakeShell.CmdletError("Import-Clixml : " + e.getMessage());
        }
        Element root = doc.getDocumentElement();
        if (!"Objs".equals(root.getLocalName()) || !NS.equals(root.getNamespaceURI())) {
            throw malformed(path, "the root is not a CliXML <Objs>");
        }
        Element obj = child(root, "Obj", null, path);
        Element tn = child(obj, "TN", null, path);
        if (!child(tn, "T", null, path).getTextContent().strip().equals("System.Management.Automation.PSCredential")) {
            throw malformed(path, "the object is not a PSCredential");
        }
        Element props = child(obj, "Props", null, path);
        String user = child(props, "S", "UserName", path).getTextContent().strip();
        String secret = child(props, "SS", "Password", path).getTextContent().strip();
        if (user.isEmpty() || secret.isEmpty() || secret.length() % 4 != 0) {
            throw malformed(path, "the user name or the protected password is empty or cut short");
        }
        try {
            HexFormat.of().parseHex(secret);
        } catch (IllegalArgumentException e) {
            throw new FakeShell.CmdletError(
                    "Import-Clixml : Key not valid for use in specified state. (the password of " + path
                            + " was not protected by this user on this machine)");
        }
        return new Credential(user);
    }

    /** The CliXML Export-Clixml writes for a credential; {@code password} "protected" as the fake shell reads it. */
    static String cliXml(String userName, String password) {
        String hex = HexFormat.of().formatHex(password.getBytes(StandardCharsets.UTF_16LE));
        return "<Objs Version=\"1.1.0.1\" xmlns=\"" + NS + "\">\r\n"
                + "  <Obj RefId=\"0\">\r\n"
                + "    <TN RefId=\"0\">\r\n"
                + "      <T>System.Management.Automation.PSCredential</T>\r\n"
                + "      <T>System.Object</T>\r\n"
                + "    </TN>\r\n"
                + "    <ToString>System.Management.Automation.PSCredential</ToString>\r\n"
                + "    <Props>\r\n"
                + "      <S N=\"UserName\">" + userName + "</S>\r\n"
                + "      <SS N=\"Password\">" + hex + "</SS>\r\n"
                + "    </Props>\r\n"
                + "  </Obj>\r\n"
                + "</Objs>";
    }

    /** Whether a credential's user name ({@code CONTOSO\cstest1} or {@code cstest1@contoso.com}) is that SIP address's user. */
    static boolean signsInAs(Credential c, String sip) {
        String name = c.userName();
        name = name.substring(name.lastIndexOf('\\') + 1);
        int at = name.indexOf('@');
        String address = io.cutover.inventory.SipAddress.withoutScheme(sip);
        String user = address.substring(0, Math.max(0, address.indexOf('@')));
        return (at < 0 ? name : name.substring(0, at)).equalsIgnoreCase(user);
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            // A credential file is data: no DTD, no external entity, nothing fetched.
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            // The parser's default handler prints to standard error; this one only throws.
            b.setErrorHandler(new org.xml.sax.helpers.DefaultHandler());
            return b;
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Element child(Element parent, String name, String n, String path) {
        for (Node c = parent.getFirstChild(); c != null; c = c.getNextSibling()) {
            if (c instanceof Element e
                    && name.equals(e.getLocalName())
                    && (n == null || n.equals(e.getAttribute("N")))) {
                return e;
            }
        }
        throw malformed(path, "no <" + name + (n == null ? "" : " N=\"" + n + "\"") + ">");
    }

    private static FakeShell.CmdletError malformed(String path, String what) {
        return new FakeShell.CmdletError("Import-Clixml : " + path + " is not a credential's CliXML: " + what);
    }
}
