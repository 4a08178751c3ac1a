package io.cutover.shell;

import io.cutover.inventory.HomedKind;

/**
 * For each kind of homed subject, the Management Shell cmdlets that read and move it and how they
 * name its pool.
 *
 * @param getter the Get-Cs* cmdlet that lists or finds it by {@code -Identity}
 * @param poolProperty the property of the getter's output that names its pool
 * @param poolPrefix the service prefix that property puts before the pool FQDN ("UserServer:"), or ""
 */
record Kinds(String getter, String poolProperty, String poolPrefix) {
    static Kinds of(HomedKind kind) {
        // Java 17: no pattern switch over enums with records returned; a plain switch does.
        switch (kind) {
            case User:
                return new Kinds("Get-CsUser", "RegistrarPool", "");
            case CommonAreaPhone:
                return new Kinds("Get-CsCommonAreaPhone", "RegistrarPool", "");
            case AnalogDevice:
                return new Kinds("Get-CsAnalogDevice", "RegistrarPool", "");
            case ExUmContact:
                return new Kinds("Get-CsExUmContact", "RegistrarPool", "");
            case MeetingRoom:
                return new Kinds("Get-CsMeetingRoom", "RegistrarPool", "");
            case ThirdPartyVideoSystem:
                return new Kinds("Get-CsThirdPartyVideoSystem", "RegistrarPool", "");
            case ApplicationEndpoint:
                return new Kinds("Get-CsTrustedApplicationEndpoint", "RegistrarPool", "");
            case DialInAccessNumber:
                return new Kinds("Get-CsDialInConferencingAccessNumber", "Pool", "");
            case RgsContact:
                return new Kinds("Get-CsRgsWorkflow", "OwnerPool", "");
            case ConferenceDirectory:
                return new Kinds("Get-CsConferenceDirectory", "ServiceId", "UserServer:");
            case CallParkOrbit:
                return new Kinds("Get-CsCallParkOrbit", "CallParkService", "ApplicationServer:");
            case RgsConfiguration:
                return new Kinds("Get-CsRgsConfiguration", "OwnerPool", "");
            case Cms:
                return new Kinds("Get-CsService", "PoolFqdn", "");
            default:
                throw new IllegalArgumentException("no cmdlets for " + kind);
        }
    }

    /** The pool FQDN a getter's property value names. */
    String pool(String value) {
        if (value == null) {
            return null;
        }
        return !poolPrefix.isEmpty() && value.regionMatches(true, 0, poolPrefix, 0, poolPrefix.length())
                ? value.substring(poolPrefix.length())
                : value;
    }

    /**
     * The cmdlet that moves a subject of this kind to {@code target}, never with -Force (it drops a
     * user's contacts and meetings for good).
     *
     * @param proxyPool the Edge to name in -ProxyPool when several Edges federate, else null
     */
    static Cmdlet move(HomedKind kind, String id, String target, String proxyPool) {
        Cmdlet c;
        switch (kind) {
            case User:
                c = Cmdlet.of("Move-CsUser").with("Identity", id).with("Target", target);
                if (proxyPool != null) {
                    c = c.with("ProxyPool", proxyPool);
                }
                return c.flag("Confirm", false);
            case CommonAreaPhone:
            case AnalogDevice:
            case ExUmContact:
            case MeetingRoom:
            case ThirdPartyVideoSystem:
                return Cmdlet.of(kind.cmdlet())
                        .with("Identity", id)
                        .with("Target", target)
                        .flag("Confirm", false);
            case ApplicationEndpoint:
            case DialInAccessNumber:
            case RgsContact:
                return Cmdlet.of("Move-CsApplicationEndpoint")
                        .with("Identity", id)
                        .with("TargetApplicationPool", target)
                        .flag("Confirm", false);
            case ConferenceDirectory:
                return Cmdlet.of("Move-CsConferenceDirectory")
                        .with("Identity", id)
                        .with("TargetPool", target)
                        .flag("Confirm", false);
            case CallParkOrbit:
                return Cmdlet.of("Set-CsCallParkOrbit")
                        .with("Identity", id)
                        .with("CallParkService", "ApplicationServer:" + target);
            case RgsConfiguration:
                // Source and destination are pool FQDNs; the cmdlet has no -Confirm.
                return Cmdlet.of("Move-CsRgsConfiguration")
                        .with("Source", rgsPool(id))
                        .with("Destination", target);
            case Cms:
                // Move-CsManagementServer moves the store to the pool of the computer it runs on.
                return Cmdlet.of("Move-CsManagementServer").flag("Confirm", false);
            default:
                throw new IllegalArgumentException("cannot move " + kind);
        }
    }

    /** The pool FQDN of a Response Group configuration's identity, "service:ApplicationServer:pool". */
    static String rgsPool(String identity) {
        return identity.substring(identity.lastIndexOf(':') + 1);
    }

    /** "service:ApplicationServer:pool" names the Response Group configuration of that pool. */
    static String rgsSource(String identity) {
        String prefix = "service:";
        return identity.regionMatches(true, 0, prefix, 0, prefix.length())
                ? identity.substring(prefix.length())
                : identity;
    }
}
