package io.cutover.plan;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.cutover.deployment.Subject;
import io.cutover.inventory.Fqdn;

/**
 * One subject moving from one pool to another.
 *
 * @param exportImport true (else null) for Response Group configuration between versions of one
 *     code line (2019 and Subscription Edition): {@code Move-CsRgsConfiguration} only moves it to a
 *     newer code line, so it is exported from the source and imported into the target; left out of
 *     the JSON when null, so plans made before it keep their checksum
 */
public record Move(
        Subject subject,
        Fqdn from,
        Fqdn to,
        @JsonInclude(JsonInclude.Include.NON_NULL) Boolean exportImport) {
    public Move {
        // Absent (null) is the plain move; only true is written.
        exportImport = Boolean.TRUE.equals(exportImport) ? Boolean.TRUE : null;
    }

    public Move(Subject subject, Fqdn from, Fqdn to) {
        this(subject, from, to, null);
    }

    /** Whether this move is an export and an import rather than a move cmdlet. */
    public boolean exportsAndImports() {
        return exportImport != null;
    }

    /** The key the journal records this move under. */
    public String item() {
        return subject.toString();
    }
}
