package io.cutover.inventory;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;

/**
 * Everything that can be homed on a pool and must leave it before the pool can go: users, the
 * non-user object kinds of objects.csv, and the Central Management Store.
 */
public enum HomedKind {
    User("Move-CsUser"),
    CommonAreaPhone("Move-CsCommonAreaPhone"),
    AnalogDevice("Move-CsAnalogDevice"),
    ExUmContact("Move-CsExUmContact"),
    MeetingRoom("Move-CsMeetingRoom"),
    ThirdPartyVideoSystem("Move-CsThirdPartyVideoSystem"),
    ApplicationEndpoint("Move-CsApplicationEndpoint"),
    DialInAccessNumber("Move-CsApplicationEndpoint"),
    RgsContact("Move-CsApplicationEndpoint"),
    ConferenceDirectory("Move-CsConferenceDirectory"),
    CallParkOrbit("Set-CsCallParkOrbit"),
    RgsConfiguration("Move-CsRgsConfiguration"),
    Cms("Move-CsManagementServer");

    private final String cmdlet;

    HomedKind(String cmdlet) {
        this.cmdlet = cmdlet;
    }

    /** The Management Shell cmdlet that moves this kind. */
    public String cmdlet() {
        return cmdlet;
    }

    /** Whether this is a kind of objects.csv (not a user, not the CMS). */
    public boolean isObject() {
        return this != User && this != Cms;
    }

    /** Parses an objects.csv Kind value; users and the CMS are not objects there. */
    public static HomedKind parseObjectKind(String text) {
        for (HomedKind k : values()) {
            if (k.isObject() && k.name().equalsIgnoreCase(text.trim())) {
                return k;
            }
        }
        throw new CutoverException(ErrorCode.BAD_INPUT, "unknown object kind '" + text + "'");
    }
}
