/**
 * Notifications: the settings that say where notices go (webhooks in a documented JSON payload or
 * the message formats Microsoft Teams and Slack incoming webhooks accept; email over SMTP), and
 * the courier that delivers the journal's outbox to them, retried with backoff, each attempt
 * audited. Nothing here holds up or fails a run: the run only writes notices to the outbox.
 */
package io.cutover.notify;
