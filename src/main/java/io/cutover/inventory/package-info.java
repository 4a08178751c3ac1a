/**
 * The deployment as data: sites, pools, services, the CMS, federation routes, users with their
 * policies and the features they depend on, non-user objects, meetings and clients. Immutable
 * records, built by importers (lab scenario, inventory folder) and by a deployment's snapshot.
 * Pure: no I/O.
 */
package io.cutover.inventory;
