package io.cutover.inventory;

public enum SiteKind {
    CentralSite,
    BranchSite
}
