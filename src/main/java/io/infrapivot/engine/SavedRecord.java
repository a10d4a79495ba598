package io.infrapivot.engine;

import com.fasterxml.jackson.databind.JsonNode;
import io.infrapivot.engine.port.CaseStore;
import io.infrapivot.model.IndicatorParser;
import io.infrapivot.source.registration.RegistrationJson;
import io.infrapivot.source.registration.RegistrationRecord;
import io.infrapivot.source.registration.RegistrationSummary;
import java.time.Instant;
import java.util.List;

/**
 * One saved registration answer read by {@link SavedAnswers#read}: what a face shows of it (its kind, format and
 * parse status, the documented JSON form, the report's summary lines) and storing it in a case, without the face
 * knowing the registration parsers' own types.
 */
public final class SavedRecord {
    private final RegistrationRecord record;

    SavedRecord(RegistrationRecord record) {
        this.record = record;
    }

    /** {@code domain}, {@code ip network} or {@code autnum}. */
    public String kind() {
        return record.kind();
    }

    /** The answer's format ({@code rdap}, or the WHOIS format it was read as). */
    public String format() {
        return record.format();
    }

    /** {@code full}, {@code partial} or {@code raw-only}. */
    public String parseStatus() {
        return record.parseStatus().id();
    }

    /** The domain the answer is about, or null. */
    public String domain() {
        return record.domain();
    }

    /** The same record dated {@code fetched} (the analyst's date for a saved copy). */
    public SavedRecord fetchedAt(Instant fetched) {
        return new SavedRecord(record.toBuilder().fetched(fetched).build());
    }

    /** The record's documented JSON form (docs/registration.md). */
    public JsonNode json() {
        return RegistrationJson.toTree(record);
    }

    /** The report's lines: the summary, or with {@code full} every field. */
    public List<String> lines(boolean full, Instant now) {
        return full ? RegistrationSummary.full(record) : RegistrationSummary.lines(record, now);
    }

    /** Stores the record in the case (see {@link SavedAnswers#store}). */
    public void store(CaseStore store, String file, IndicatorParser parser) {
        SavedAnswers.store(store, file, record, parser);
    }
}
