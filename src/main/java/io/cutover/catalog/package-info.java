/**
 * The product catalog: the Lync / Skype for Business Server versions, their features, what each
 * removed, which may coexist and which may migrate to which, and which client families and builds
 * may sign in to each ({@code ClientSupport}). Pure data, loaded from one resource
 * file ({@code catalog.json}) so that a new version is a data change, not new code.
 */
package io.cutover.catalog;
