/**
 * Reports for change-management records, rendered from the facade's result records: pure
 * functions from data to text (HTML, CSV); writing the files is the caller's.
 */
package io.cutover.report;
