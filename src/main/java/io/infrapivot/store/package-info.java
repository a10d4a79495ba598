/**
 * Case stores: the SQLite implementation of the engine's {@link io.infrapivot.engine.port.CaseStore} port
 * (one file per case), with a schema kept portable so that a PostgreSQL backend can share it.
 * SQL specific to one database lives only in this package ({@link io.infrapivot.store.SqliteConnections}
 * and the per-vendor migration folders {@code db/migration/{vendor}}). See docs/store.md.
 */
package io.infrapivot.store;
