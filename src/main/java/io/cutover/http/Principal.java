package io.cutover.http;

/** Who a request comes from: the name the audit log records, and their role. */
record Principal(String name, Role role) {}
