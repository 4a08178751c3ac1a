package io.cutover.folder;

import java.util.ArrayList;
import java.util.List;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Namespace-blind navigation of a topology DOM by local element names. */
final class TopologyElements {
    private TopologyElements() {}

    static Element first(Element root, String localName) {
        for (Element e : all(root)) {
            if (e.getLocalName().equals(localName)) {
                return e;
            }
        }
        return null;
    }

    static Element child(Element parent, String localName) {
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                return e;
            }
        }
        return null;
    }

    static List<Element> children(Element parent, String localName) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                list.add(e);
            }
        }
        return list;
    }

    /** Every element below {@code root}, in document order. */
    static List<Element> all(Element root) {
        NodeList list = root.getElementsByTagNameNS("*", "*");
        List<Element> out = new ArrayList<>(list.getLength());
        for (int i = 0; i < list.getLength(); i++) {
            out.add((Element) list.item(i));
        }
        return out;
    }
}
