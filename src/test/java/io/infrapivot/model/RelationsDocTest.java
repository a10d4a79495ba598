package io.infrapivot.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** docs/relations.md must stay true to the code. */
class RelationsDocTest {
    @Test
    void everyRelationIsDocumentedWithItsKindAndSection() throws Exception {
        String doc = Files.readString(Path.of("docs/relations.md"));
        for (Relation r : Relation.values()) {
            assertThat(doc).as(r.id()).contains("| `" + r.id() + "` | " + r.kind().name().toLowerCase() + " | "
                    + r.section().id() + " |");
        }
        long rows = doc.lines().filter(l -> l.startsWith("| `")).count();
        assertThat(rows).isEqualTo(Relation.values().length);
    }
}
