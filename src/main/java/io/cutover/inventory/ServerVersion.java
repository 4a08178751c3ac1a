package io.cutover.inventory;

/**
 * What one server reports about its product (a row of versions.csv).
 *
 * @param computer the server's FQDN
 * @param product the product name it prints, e.g. "Skype for Business Server 2019"; may be null
 * @param version the build it prints, e.g. "7.0.2046.820"
 * @param source the cmdlet that reported it: Get-CsServerVersion, or Get-CsServerPatchVersion for
 *     one row per component
 */
public record ServerVersion(Fqdn computer, String product, String version, String source) {}
