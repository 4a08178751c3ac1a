package io.cutover.plan;

import static io.cutover.plan.Topologies.CATALOG;
import static io.cutover.plan.Topologies.EDGE01;
import static io.cutover.plan.Topologies.POOL01;
import static io.cutover.plan.Topologies.options;
import static io.cutover.plan.Topologies.redmond;
import static org.assertj.core.api.Assertions.assertThat;

import io.cutover.catalog.Feature;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.PoolRole;
import java.util.List;
import org.junit.jupiter.api.Test;

class PlanExplainerTest {

    private static Plan twoSites(int users) {
        Inventory inv = redmond(users)
                .site("Dublin")
                .frontEnd("pool01.dublin.contoso.com", "Dublin", "Lync Server 2013")
                .frontEnd("pool19.dublin.contoso.com", "Dublin", "Skype for Business Server 2019")
                .pool("dir01.dublin.contoso.com", "Dublin", PoolRole.Director, "Lync Server 2013", null)
                .users("pool01.dublin.contoso.com", "dub", 25)
                .user("sip:chat1@contoso.com", POOL01, Feature.PersistentChat)
                .user("sip:chat2@contoso.com", POOL01, Feature.PersistentChat)
                .user("sip:jabber@contoso.com", POOL01, Feature.PersistentChat, Feature.Xmpp)
                .build();
        return Planner.plan(
                inv,
                CATALOG,
                new PlanOptions(options().target(), 5, List.of(), List.of(100, 250, 500), 10),
                "contoso.yaml");
    }

    @Test
    void the_explanation_names_the_target_source_checksum_and_counts() {
        Plan plan = twoSites(40);

        String text = PlanExplainer.explain(plan);

        assertThat(text)
                .startsWith("cutover plan to Skype for Business Server 2019\n")
                .contains("source:   contoso.yaml")
                .contains("checksum: " + plan.checksum().substring(0, 12))
                .contains("sites:    2 (Dublin, Redmond)")
                .contains("moves:    65 users, 3 objects, the Central Management Store")
                .contains("retained: 3 users")
                .contains("kept:     2 pools");
    }

    @Test
    void the_explanation_shows_every_site_pool_step_and_check() {
        Plan plan = twoSites(40);

        String text = PlanExplainer.explain(plan);

        assertThat(text)
                .contains("Site Dublin", "Site Redmond", "pool01.dublin.contoso.com", POOL01, EDGE01, "(site-wide)");
        for (Step step : plan.steps()) {
            assertThat(text).contains(step.id() + ": " + step.title());
        }
        assertThat(text)
                .contains(
                        "- services running on pool01.contoso.com, pool19.contoso.com",
                        "- every CMS replica up to date",
                        "- external access through edge19.contoso.com to 2 users",
                        "- registration of 5 users");
        assertThat(text.indexOf("Site Dublin")).isLessThan(text.indexOf("Site Redmond"));
        assertThat(text.indexOf("Redmond/pool01.contoso.com/pilot:"))
                .isLessThan(text.indexOf("Redmond/pool01.contoso.com/wave-01:"));
    }

    @Test
    void retained_users_are_listed_one_by_one_grouped_by_pool_and_features_with_the_reason() {
        String text = PlanExplainer.explain(twoSites(40));

        assertThat(text)
                .contains("Retained users (3)")
                .contains(
                        "    PersistentChat: depends on PersistentChat, removed in Skype for Business Server 2019 (2)\n"
                                + "      sip:chat1@contoso.com\n"
                                + "      sip:chat2@contoso.com\n")
                .contains("    PersistentChat, Xmpp: depends on PersistentChat and Xmpp, removed in Skype for Business"
                        + " Server 2019 (1)\n"
                        + "      sip:jabber@contoso.com\n");
        assertThat(text)
                .contains("Kept pools (2)")
                .contains(
                        "dir01.dublin.contoso.com (Dublin): Director: homes no users and is not migrated by this plan")
                .contains("pool01.contoso.com (Redmond): keeps 3 retained users (PersistentChat, Xmpp)");
    }

    @Test
    void the_explanation_of_thousands_of_users_stays_short_and_lists_no_moved_user() {
        Plan plan = twoSites(2000);

        String text = PlanExplainer.explain(plan);

        assertThat(text.lines().count()).isLessThan(150);
        assertThat(text)
                .doesNotContain("sip:user0500@contoso.com", "sip:dub0020@contoso.com")
                .contains("sip:jabber@contoso.com");
    }
}
