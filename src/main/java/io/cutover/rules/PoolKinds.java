package io.cutover.rules;

import io.cutover.inventory.PoolRole;

/**
 * What a migration does with a legacy pool of each kind: the plan moves Front End and Edge pools
 * (users, objects, routes) and decommissions them; every other kind stays, for the reason and with
 * the manual work this says, so that no pool "stays" unexplained.
 */
public final class PoolKinds {
    private PoolKinds() {}

    /** Whether the plan moves what the pool holds and decommissions it. */
    public static boolean migrated(PoolRole role) {
        return role == PoolRole.FrontEnd || role == PoolRole.Edge;
    }

    /** Why a legacy pool of this kind stays after the plan, and what a person does about it. */
    public static String whyItStays(PoolRole role) {
        return switch (role) {
            case SurvivableBranch ->
                "Survivable Branch Appliance or Server: its users stay with it and it is"
                        + " re-associated with the new central pool (a manual step the plan verifies); replace it with a"
                        + " new-version appliance and move its users to it by hand";
            case Director ->
                "Director: homes no users and is not migrated by this plan; its next hop is re-pointed"
                        + " (a manual step); deploy a new-version Director, then remove this one by hand";
            case Mediation ->
                "Mediation pool: not migrated by this plan; its next hop is re-pointed (a manual step);"
                        + " deploy a new-version Mediation pool, move the trunks to it, then remove this one by hand";
            case PersistentChat ->
                "Persistent Chat pool: not migrated by this plan; migrate its rooms by hand, or keep"
                        + " it while its users need it";
            case TrustedApplication ->
                "trusted application pool: not migrated by this plan; it is re-pointed at the new"
                        + " registrar (a manual step); redeploy the application on the new version by hand";
            case VideoInterop ->
                "Video Interop Server: not migrated by this plan; deploy a new-version one and move"
                        + " the video trunks to it by hand";
            case OfficeWebApps ->
                "Office Web Apps / Office Online Server farm: not tied to a Lync or Skype for"
                        + " Business version; the new pools use it as it is";
            case SqlStore -> "SQL store: goes with the pools it serves; remove it by hand once they are decommissioned";
            case FrontEnd, Edge -> "migrated by this plan";
            case Other -> "a pool of a kind the plan does not migrate; move what it serves by hand";
        };
    }
}
