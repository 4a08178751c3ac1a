/**
 * When a migration may act: change windows per site in the site's time zone (days, hours, blackout
 * dates) and the error budget that holds a run when too many moves fail. Pure: every answer is a
 * function of the settings and an instant or a list of outcomes given to it; the clock is the
 * caller's.
 */
package io.cutover.schedule;
