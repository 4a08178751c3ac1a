/**
 * cutover: side-by-side migrations of Lync Server / Skype for Business Server deployments. The
 * root package holds only the error contract shared by every concept package.
 */
package io.cutover;
