package io.cutover.catalog;

/**
 * A client string as read: "Skype for Business 2016 (16.0.4849.1000)" is the family Skype for
 * Business 2016 at build 16.0.4849.1000.
 *
 * @param text the string as clients.csv gives it
 * @param family the family it names, or null when no family is recognised (or two fit equally)
 * @param build the first dotted number in it, or null when it has none
 */
public record ClientVersion(String text, ClientFamily family, Build build) {
    public boolean known() {
        return family != null;
    }
}
