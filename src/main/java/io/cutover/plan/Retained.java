package io.cutover.plan;

import io.cutover.catalog.Feature;
import java.util.List;

/** A user the plan leaves on a legacy pool, and why. */
public record Retained(String sipAddress, String pool, List<Feature> features, String reason) {}
