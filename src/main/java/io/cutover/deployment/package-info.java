/**
 * The Deployment port: the one seam between the product and a Lync / Skype for Business
 * deployment. Two real implementations stand behind it: the lab (an emulated deployment, the
 * default target of every command) and, later, the Management Shell driver. The retry policy lives here too, so that both the run and the shell driver may use it.
 */
package io.cutover.deployment;
