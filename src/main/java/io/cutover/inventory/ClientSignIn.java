package io.cutover.inventory;

import java.time.Instant;

/** The client a user signs in with, e.g. "Skype for Business 2016 (16.0.4849.1000)". */
public record ClientSignIn(SipAddress sipAddress, String clientVersion, Instant lastSignInUtc) {}
