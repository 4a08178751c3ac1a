package io.cutover.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.catalog.Feature;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class InventoryLookupsTest {
    private static final Pool POOL01 =
            new Pool(Fqdn.of("Pool01.Contoso.com"), "REDMOND", PoolRole.FrontEnd, "Lync Server 2013", List.of(), null);
    private static final Pool POOL02 = new Pool(
            Fqdn.of("pool02.contoso.com"),
            "Redmond",
            PoolRole.FrontEnd,
            "Skype for Business Server 2019",
            List.of(),
            null);
    private static final User ANN = new User(
            SipAddress.of("sip:Ann@Contoso.com"),
            "Ann",
            Fqdn.of("POOL01.contoso.com"),
            Map.of(),
            Set.<Feature>of(),
            false);
    private static final HomedObject PHONE =
            new HomedObject(HomedKind.CommonAreaPhone, "sip:lobby@contoso.com", "Lobby", Fqdn.of("pool01.CONTOSO.com"));

    private static Inventory inventory() {
        return new Inventory(
                List.of(new Site("Redmond", 1, SiteKind.CentralSite, null, null)),
                List.of(POOL01, POOL02),
                Fqdn.of("pool01.contoso.com"),
                List.of(ANN),
                List.of(PHONE),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                Policies.none(),
                List.of());
    }

    @Test
    void pools_in_a_site_are_found_whatever_the_case_of_the_site_name() {
        assertThat(inventory().poolsIn("Redmond")).containsExactly(POOL01, POOL02);
        assertThat(inventory().poolsIn("redmond")).containsExactly(POOL01, POOL02);
    }

    @Test
    void pools_users_and_objects_are_found_whatever_the_case_of_the_fqdn_or_sip_address() {
        Inventory inv = inventory();

        assertThat(inv.findPool("POOL01.CONTOSO.COM")).contains(POOL01);
        assertThat(inv.findPool("pool03.contoso.com")).isEmpty();
        assertThat(inv.usersOn(Fqdn.of("pool01.contoso.com"))).containsExactly(ANN);
        assertThat(inv.objectsOn(Fqdn.of("Pool01.Contoso.Com"))).containsExactly(PHONE);
        assertThat(inv.findUser("SIP:ANN@CONTOSO.COM")).contains(ANN);
        assertThat(inv.usersBySip()).containsEntry(SipAddress.of("sip:ann@contoso.com"), ANN);
        assertThat(inv.findSite("REDMOND")).isPresent();
    }

    @Test
    void replacing_a_pool_matches_it_whatever_the_case_of_its_fqdn() {
        Pool renamed = new Pool(
                Fqdn.of("POOL01.CONTOSO.COM"), "Redmond", PoolRole.Director, "Lync Server 2013", List.of(), null);

        assertThat(inventory().withPool(renamed).pools()).containsExactlyInAnyOrder(renamed, POOL02);
    }
}
