package io.infrapivot.store;

import io.infrapivot.engine.port.Analyst;
import io.infrapivot.engine.port.CaseStore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Timeout;

/** Every deduplication rule of {@link DedupTest}, on a PostgreSQL case: the same facts, the same sightings. */
@Timeout(value = 3, unit = TimeUnit.MINUTES)
class PostgresDedupTest extends DedupTest {
    @Override
    CaseStore openStore() {
        String url = TestPostgres.cluster().newDatabase();
        return new PostgresCaseRepository(PostgresLocation.parse(url), Analyst.current("dedup")).open("dedup");
    }
}
