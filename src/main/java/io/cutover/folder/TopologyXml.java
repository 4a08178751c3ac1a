package io.cutover.folder;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.csv.TextDecoding;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilder;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;
import org.xml.sax.SAXException;
import org.xml.sax.SAXParseException;

/**
 * Loads a topology file into a DOM the safe way. The document is untrusted: DTDs are refused (so no
 * entity of any kind, internal or external, is ever expanded or fetched) and its size is capped
 * before parsing starts. Errors are {@link ErrorCode#BAD_INPUT} naming the file.
 */
final class TopologyXml {
    /** A large real topology is a few hundred kilobytes. */
    static final long MAX_BYTES = 32L * 1024 * 1024;

    private final Path file;
    private final String name;

    TopologyXml(Path file) {
        this.file = file;
        this.name = file.getFileName().toString();
    }

    Document parse() {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new CutoverException(
                    ErrorCode.BAD_INPUT,
                    name + ": no such file in " + file.getParent()
                            + "; it is required (run the script of `cutover collect-script`)");
        } catch (IOException e) {
            throw bad("cannot read: " + e.getMessage());
        }
        if (size > MAX_BYTES) {
            throw bad(size + " bytes, more than the " + MAX_BYTES + " a topology may have; refused before parsing");
        }
        // Decoded by the folder's one rule, not by the XML declaration: PowerShell writes UTF-16
        // with a byte order mark and often no declaration at all.
        try (java.io.Reader in = TextDecoding.open(Files.newInputStream(file), name)) {
            return builder().parse(new InputSource(in));
        } catch (SAXParseException e) {
            String why = e.getMessage();
            if (why != null && why.contains("DOCTYPE")) {
                throw bad("line " + e.getLineNumber()
                        + ": refused: the document declares a DTD (<!DOCTYPE>); a topology never has one, "
                        + "and entities are never expanded or fetched");
            }
            throw bad(
                    "line " + e.getLineNumber() + ", column " + e.getColumnNumber() + ": not well-formed XML: " + why);
        } catch (SAXException e) {
            throw bad("not well-formed XML: " + e.getMessage());
        } catch (IOException e) {
            throw bad("cannot read: " + e.getMessage());
        }
    }

    private static DocumentBuilder builder() {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature("http://xml.org/sax/features/external-general-entities", false);
            f.setFeature("http://xml.org/sax/features/external-parameter-entities", false);
            f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            f.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            DocumentBuilder b = f.newDocumentBuilder();
            // Errors are thrown, not printed to stderr.
            b.setErrorHandler(null);
            return b;
        } catch (ParserConfigurationException e) {
            throw new CutoverException(ErrorCode.INTERNAL, "the XML parser cannot be hardened: " + e.getMessage(), e);
        }
    }

    private CutoverException bad(String what) {
        return new CutoverException(ErrorCode.BAD_INPUT, name + ": " + what);
    }
}
