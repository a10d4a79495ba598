package io.infrapivot.engine.port;

import java.util.List;

/** Where cases live: lists, opens (creating on first use) and deletes them. */
public interface CaseRepository {
    /** Opens the case by name (or path, for repositories that take one), creating it when absent. */
    CaseStore open(String nameOrPath);

    /** Opens an existing case; {@link java.util.NoSuchElementException} when there is none. */
    CaseStore openExisting(String nameOrPath);

    List<CaseInfo> list();

    /** Deletes the case; false when there was none. */
    boolean delete(String nameOrPath);

    /** Where cases are kept, for messages. */
    String location();
}
