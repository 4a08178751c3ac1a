package io.cutover.inventory;

/** A Windows service status as Get-CsWindowsService reports it. */
public enum ServiceStatus {
    Running,
    Stopped,
    StartPending,
    StopPending,
    Paused,
    /**
     * Never reported by Get-CsWindowsService: the server did not answer it when the deployment was
     * collected, so a twin of that collection cannot say whether the service runs.
     */
    Unknown;

    /** Whether Get-CsWindowsService prints this status (every one but {@link #Unknown}). */
    public boolean reported() {
        return this != Unknown;
    }
}
