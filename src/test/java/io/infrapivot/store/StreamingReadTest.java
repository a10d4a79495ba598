package io.infrapivot.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.infrapivot.engine.port.StoredObservation;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code forEachObservation} hands over exactly what {@code observations()} returns, in id order, one at a time. */
class StreamingReadTest {
    @TempDir
    Path dir;

    @Test
    void streamsEveryObservationWithItsSightingsInIdOrder() {
        try (SqliteCaseStore store = SqliteCaseStore.open(dir.resolve("s.sqlite"), "s")) {
            Facts.writeLoad(store, 0, 40);
            Facts.writeLoad(store, 1, 40); // the shared facts get a second sighting
            List<StoredObservation> streamed = new ArrayList<>();
            store.forEachObservation(streamed::add);
            assertThat(streamed).isEqualTo(store.observations());
            assertThat(streamed).hasSize(2 * 40 + 2 * 40);
            assertThat(streamed).isSortedAccordingTo((a, b) -> Long.compare(a.id(), b.id()));
            assertThat(streamed).anySatisfy(o -> assertThat(o.sightings()).hasSize(2));
        }
    }

    @Test
    void anEmptyCaseStreamsNothing() {
        try (SqliteCaseStore store = SqliteCaseStore.open(dir.resolve("e.sqlite"), "e")) {
            List<StoredObservation> streamed = new ArrayList<>();
            store.forEachObservation(streamed::add);
            assertThat(streamed).isEmpty();
        }
    }
}
