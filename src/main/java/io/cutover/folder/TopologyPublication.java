package io.cutover.folder;

import java.nio.file.Path;
import org.w3c.dom.Element;

/**
 * Whether a topology document was ever published. {@code Get-CsTopology -AsXml} only returns what
 * was; a Topology Builder file saved before publishing ({@code IsPublished="false"}) describes pools
 * that the Central Management Store, and so the deployment, may not have.
 */
final class TopologyPublication {
    private TopologyPublication() {}

    /** False for a Topology Builder document marked never published; true for any other. */
    static boolean published(Path topology) {
        Element root = new TopologyXml(topology).parse().getDocumentElement();
        if (!root.getLocalName().equals("TopologyBuilder")) {
            return true;
        }
        for (Element e : TopologyElements.all(root)) {
            // An xs:boolean: "false" or "0".
            String published = e.getAttribute("IsPublished").trim();
            if (published.equals("false") || published.equals("0")) {
                return false;
            }
        }
        return true;
    }
}
