package io.cutover.inventory;

/** A Windows service status as Get-CsWindowsService reports it. */
public enum ServiceStatus {
    Running,
    Stopped,
    StartPending,
    StopPending,
    Paused
}
