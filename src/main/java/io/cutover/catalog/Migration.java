package io.cutover.catalog;

/**
 * A direct side-by-side path from one version to another.
 *
 * @param from the legacy version's name
 * @param to the target version's name
 * @param confirmed false when no public document states the path and the catalog infers it
 * @param alternative another supported way to reach {@code to} (e.g. an in-place upgrade), or null
 */
public record Migration(String from, String to, boolean confirmed, String alternative) {}
