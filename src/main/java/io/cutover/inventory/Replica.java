package io.cutover.inventory;

/** A CMS replica on one server and whether it reports up to date. */
public record Replica(Fqdn fqdn, boolean upToDate) {}
