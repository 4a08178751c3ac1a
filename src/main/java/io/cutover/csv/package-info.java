/**
 * CSV as the product reads and writes it: one streaming reader, bounded per row, whose errors name
 * the file, line and column (the inventory folder, the result rows of runbooks), and one writer
 * (the inventory folder as Export-Csv writes it, the run report's files for spreadsheets).
 */
package io.cutover.csv;
