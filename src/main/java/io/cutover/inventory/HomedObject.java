package io.cutover.inventory;

/** A non-user object homed on a pool (a kind of objects.csv). */
public record HomedObject(HomedKind kind, String identity, String displayName, Fqdn pool) {
    public HomedObject withPool(Fqdn newPool) {
        return new HomedObject(kind, identity, displayName, newPool);
    }
}
