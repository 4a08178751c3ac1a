package io.cutover.cli;

/** The default target of plan, rehearse and assess, and how --target may name a version. */
final class TargetVersions {
    /** The one supported on-premises version today (Modern Lifecycle Policy). */
    static final String DEFAULT = "Skype for Business Server Subscription Edition";

    /** Kept in step with the aliases of catalog.json; a test compares them. */
    static final String HELP =
            "Version to migrate to (default: ${DEFAULT-VALUE}). Full names or short forms, case-insensitive: "
                    + "Skype for Business Server Subscription Edition | SfB SE | SE | Subscription Edition; "
                    + "Skype for Business Server 2019 | SfB 2019 | 2019; "
                    + "Skype for Business Server 2015 | SfB 2015 | 2015; "
                    + "Lync Server 2013 | Lync 2013 | 2013; Lync Server 2010 | Lync 2010 | 2010; or a build such as 6.0.";

    private TargetVersions() {}
}
