package io.cutover.inventory;

/** One service on one server of a pool. */
public record ServiceState(String computer, String pool, String name, ServiceStatus status) {
    public boolean running() {
        return status == ServiceStatus.Running;
    }
}
