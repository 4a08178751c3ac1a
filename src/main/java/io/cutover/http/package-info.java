/**
 * The control room: an HTTP API over the facade (the same result records the CLI prints with
 * --json), a dashboard served from the classpath with live updates over server-sent events, and
 * the security around them: bearer tokens and sign-in sessions, two roles, CSRF protection for
 * cookie sessions, and an audit row for every action.
 */
package io.cutover.http;
