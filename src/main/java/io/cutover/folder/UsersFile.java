package io.cutover.folder;

import io.cutover.catalog.Feature;
import io.cutover.csv.CsvReader;
import io.cutover.inventory.Fqdn;
import io.cutover.inventory.PolicyKind;
import io.cutover.inventory.SipAddress;
import io.cutover.inventory.User;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * users.csv (Get-CsUser) as read: the users homed on an on-premises pool apart from those homed on
 * none (an empty RegistrarPool: online in a hybrid deployment, or never assigned), which real
 * deployments list too and which are counted, never moved.
 *
 * @param homed users with a RegistrarPool, in file order
 * @param unhomed users with an empty RegistrarPool ({@link User#pool()} null), in file order
 */
record UsersFile(List<User> homed, List<User> unhomed) {
    private static final PolicyKind[] KINDS = PolicyKind.values();

    UsersFile {
        homed = List.copyOf(homed);
        unhomed = List.copyOf(unhomed);
    }

    /** Reads {@code file}; {@code usage} is each user's features by {@link SipAddress#key}. */
    static UsersFile read(Path file, Map<String, Set<Feature>> usage) {
        List<User> homed = new ArrayList<>();
        List<User> unhomed = new ArrayList<>();
        new CsvReader(file).read(List.of("SipAddress", "RegistrarPool"), r -> {
            User u = user(r, usage);
            (u.pool() == null ? unhomed : homed).add(u);
        });
        return new UsersFile(homed, unhomed);
    }

    private static User user(CsvReader.Row r, Map<String, Set<Feature>> usage) {
        SipAddress sip = IdentityFields.sip(r, "SipAddress");
        Map<PolicyKind, String> policies = new EnumMap<>(PolicyKind.class);
        for (PolicyKind k : KINDS) {
            String v = r.get(k.column());
            if (v != null) {
                policies.put(k, v);
            }
        }
        Fqdn pool = IdentityFields.optionalFqdn(r, "RegistrarPool");
        // An absent Enabled column (a folder written before it was collected) means enabled.
        boolean disabled = r.get("Enabled") != null && !r.bool("Enabled");
        return new User(
                sip,
                IdentityFields.displayName(r, "DisplayName"),
                pool,
                policies,
                usage.getOrDefault(sip.key(), Set.of()),
                false,
                disabled,
                r.get("HostingProvider"));
    }
}
