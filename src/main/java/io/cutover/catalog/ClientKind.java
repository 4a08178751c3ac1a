package io.cutover.catalog;

/** What a client runs on; the oldest supported family of the same kind is what a user is told to install. */
public enum ClientKind {
    Desktop,
    Mac,
    Mobile,
    /** A desk phone or similar device (Lync Phone Edition). */
    Device
}
