package io.cutover.folder;

import io.cutover.CutoverException;
import io.cutover.csv.CsvReader;
import io.cutover.csv.TextDecoding;
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
        lossless(r, column, text);
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
        lossless(r, column, v);
        if (!SipAddress.looksLikeOne(v)) {
            throw r.error(column, "is '" + v + "'; expected sip:name@domain");
        }
        return SipAddress.of(v);
    }

    /**
     * Refuses an identity holding {@code ?}: no SIP address or FQDN has one, but Windows PowerShell
     * 5.1's Export-Csv without -Encoding writes ASCII and puts one where each non-ASCII letter stood.
     * Taken as data, the address would name nobody, and a runbook would carry it.
     */
    static void lossless(CsvReader.Row r, String column, String text) {
        if (text.indexOf('?') >= 0) {
            throw r.error(
                    column,
                    "is '" + text + "': a '?' where a letter stood, the mark of an ASCII export (Export-Csv without"
                            + " -Encoding in Windows PowerShell 5.1); " + TextDecoding.REEXPORT);
        }
    }

    /**
     * A display name, or null when empty. A {@code ?} between two letters ({@code J?rgen M?ller}) is
     * what an ASCII export leaves of a non-ASCII letter: refused like a lossy identity, since the
     * same export has mangled every other non-ASCII text of the file.
     */
    static String displayName(CsvReader.Row r, String column) {
        String v = r.get(column);
        if (v == null) {
            return null;
        }
        for (int i = v.indexOf('?'); i > 0 && i < v.length() - 1; i = v.indexOf('?', i + 1)) {
            if (Character.isLetter(v.charAt(i - 1)) && Character.isLetter(v.charAt(i + 1))) {
                lossless(r, column, v);
            }
        }
        return v;
    }
}
