package io.cutover.plan;

import io.cutover.catalog.Feature;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.SipAddress;
import java.util.List;

/** A user the plan leaves on a legacy pool, and why. */
public record Retained(SipAddress sipAddress, Fqdn pool, List<Feature> features, String reason) {}
