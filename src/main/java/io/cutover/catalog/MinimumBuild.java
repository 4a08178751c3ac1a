package io.cutover.catalog;

/**
 * The oldest build of a version that may share a topology with a target version.
 *
 * @param build the minimum build, e.g. 7.0.2046.500
 * @param update the update to install to reach it, for people
 * @param published whether Microsoft publishes this build number; false means the catalog infers it
 */
public record MinimumBuild(Build build, String update, boolean published) {}
