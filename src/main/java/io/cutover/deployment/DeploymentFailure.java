package io.cutover.deployment;

/**
 * An operation on the deployment failed. A transient failure may succeed if retried (a timeout,
 * a busy server); a permanent one will not (the object does not exist, the pool refuses it).
 */
public final class DeploymentFailure extends RuntimeException {
    private final boolean transientFailure;

    public DeploymentFailure(String message, boolean transientFailure) {
        super(message);
        this.transientFailure = transientFailure;
    }

    public static DeploymentFailure retryable(String message) {
        return new DeploymentFailure(message, true);
    }

    public static DeploymentFailure permanent(String message) {
        return new DeploymentFailure(message, false);
    }

    public boolean isTransient() {
        return transientFailure;
    }
}
