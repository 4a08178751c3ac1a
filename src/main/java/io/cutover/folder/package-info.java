/**
 * The inventory folder, the product's documented input and output for real deployments: reading
 * it (a hardened topology XML parser, tolerant streaming CSV with {@code io.cutover.csv}), writing it exactly as the collect
 * script's Export-Csv does, and the collect script itself.
 */
package io.cutover.folder;
