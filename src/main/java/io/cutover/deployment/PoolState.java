package io.cutover.deployment;

/** The life of a pool as the migration sees it. */
public enum PoolState {
    /** In the topology but not yet installed and started. */
    NotDeployed,
    Up,
    /** Deployed but unreachable (a fault, an outage). */
    Down,
    /** Services stopped and removed from the topology: gone for good. */
    Decommissioned
}
