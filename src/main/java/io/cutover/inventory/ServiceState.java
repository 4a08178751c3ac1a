package io.cutover.inventory;

/** One service on one server of a pool. */
public record ServiceState(Fqdn computer, Fqdn pool, String name, ServiceStatus status) {
    public boolean running() {
        return status == ServiceStatus.Running;
    }
}
