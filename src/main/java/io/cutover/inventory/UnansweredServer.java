package io.cutover.inventory;

/**
 * A server that did not answer while the deployment's state was collected: its services (or
 * whatever {@code source} is) are missing from the inventory rather than reported as stopped.
 *
 * @param source what was being read, e.g. "Get-CsWindowsService"
 */
public record UnansweredServer(String computer, String source, String error) {}
