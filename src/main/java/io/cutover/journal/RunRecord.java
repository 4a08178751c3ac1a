package io.cutover.journal;

import java.time.Instant;

/** A run: one plan being carried out against one deployment. */
public record RunRecord(String id, String planChecksum, String planJson, String deployment, Instant createdAt) {}
