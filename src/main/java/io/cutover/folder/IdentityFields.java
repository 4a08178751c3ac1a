package io.cutover.folder;

import io.cutover.CutoverException;
import io.cutover.csv.CsvReader;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.SipAddress;

/**
 * Reads identity columns of an inventory file into their value types, so a malformed FQDN or SIP
 * address is refused with the file, line and column where it stands rather than deep in the model.
 */
final class IdentityFields {
    private IdentityFields() {}

    /**
     * The column's FQDN.
     *
     * @throws CutoverException BAD_INPUT naming file, line and column when empty or malformed
     */
    static Fqdn fqdn(CsvReader.Row r, String column) {
        return fqdnOrNull(r, column, r.required(column));
    }

    /** The column's FQDN, or null when the field is empty or the column absent. */
    static Fqdn optionalFqdn(CsvReader.Row r, String column) {
        String v = r.get(column);
        return v == null ? null : fqdnOrNull(r, column, v);
    }

    /** An FQDN read from part of a field (a route's value after its prefix), or null for null. */
    static Fqdn fqdnOrNull(CsvReader.Row r, String column, String text) {
        if (text == null) {
            return null;
        }
        try {
            return Fqdn.of(text);
        } catch (CutoverException e) {
            throw r.error(column, "is '" + text + "'; expected a fully qualified domain name like pool01.contoso.com");
        }
    }

    /**
     * The column's SIP address.
     *
     * @throws CutoverException BAD_INPUT naming file, line and column when empty or not sip:name@domain
     */
    static SipAddress sip(CsvReader.Row r, String column) {
        String v = r.required(column);
        if (!SipAddress.looksLikeOne(v)) {
            throw r.error(column, "is '" + v + "'; expected sip:name@domain");
        }
        return SipAddress.of(v);
    }
}
