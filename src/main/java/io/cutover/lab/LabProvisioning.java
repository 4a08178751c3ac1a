package io.cutover.lab;

import io.cutover.CutoverException;
import io.cutover.ErrorCode;
import io.cutover.catalog.Catalog;
import io.cutover.inventory.Inventory;
import io.cutover.inventory.UnansweredServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * Where a lab comes from: a scenario (the bundled Contoso example among them) or the twin of a
 * collected deployment, kept in a directory or in memory; or the directory an earlier process left
 * it in, opened again as it was. The public doors are {@link Lab}'s factory methods.
 */
final class LabProvisioning {
    private static final String EXAMPLE = "/examples/contoso/scenario.yaml";

    private LabProvisioning() {}

    static Lab create(Path dir, String scenarioText, String where, Clock clock) {
        LabStore.refuseExisting(dir);
        Scenario scenario = Scenario.parse(scenarioText, where);
        LabStore store = LabStore.create(dir, scenarioText, where, clock.instant());
        return new Lab(new LabState(scenario, Catalog.bundled()), store, clock);
    }

    /** The scenario expanded, then its log replayed; with {@code shared}, see {@link LabStore#share}. */
    static Lab open(Path dir, Clock clock, boolean shared) {
        LabStore store = LabStore.open(dir);
        try {
            LabState state = Twin.is(store.scenarioText())
                    ? Twin.state(Twin.parse(store.scenarioText()), Catalog.bundled())
                    : new LabState(Scenario.parse(store.scenarioText(), store.where()), Catalog.bundled());
            store.mutations().forEach(state::apply);
            if (shared) {
                store.share();
            }
            return new Lab(state, store, clock);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    static Lab createTwin(
            Path dir,
            Inventory inventory,
            boolean servicesCollected,
            List<UnansweredServer> unanswered,
            String where,
            Clock clock) {
        LabStore.refuseExisting(dir);
        Twin.Document d = Twin.of(where, inventory, servicesCollected, unanswered);
        return new Lab(
                Twin.state(d, Catalog.bundled()), LabStore.create(dir, Twin.text(d), where, clock.instant()), clock);
    }

    static Lab inMemoryTwin(
            Inventory inventory,
            boolean servicesCollected,
            List<UnansweredServer> unanswered,
            String where,
            Clock clock) {
        Twin.Document d = Twin.of(where, inventory, servicesCollected, unanswered);
        return new Lab(Twin.state(d, Catalog.bundled()), LabStore.discarding(), clock);
    }

    static Lab inMemory(Scenario scenario, Clock clock) {
        return new Lab(new LabState(scenario, Catalog.bundled()), LabStore.discarding(), clock);
    }

    static String exampleText() {
        try (InputStream in = Lab.class.getResourceAsStream(EXAMPLE)) {
            if (in == null) {
                throw new CutoverException(ErrorCode.INTERNAL, EXAMPLE + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
