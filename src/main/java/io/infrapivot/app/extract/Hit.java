package io.infrapivot.app.extract;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.infrapivot.model.IndicatorType;

/**
 * One indicator found: its type and canonical value, the text as it stood ({@code found}, defanged or not), the file
 * the user named, the path inside it (archive entries and attachments joined with {@code !/}, empty for the file
 * itself), the offset (bytes into the file or entry for text and binaries, characters into the extracted text for
 * documents), and a short context snippet (raw text: escape it where it is shown; the CLI's JSON and terminal
 * output do).
 */
public record Hit(IndicatorType type, String value, String found, String file, String path, long offset,
                  String context) {
    /** The hit's fields into {@code o} (the documented JSON form, docs/extract.md); the file only when asked. */
    public ObjectNode toJson(ObjectNode o, boolean withFile) {
        o.put("type", type.id());
        o.put("value", value);
        o.put("found", found);
        if (withFile) o.put("file", file);
        o.put("path", path);
        o.put("offset", offset);
        o.put("context", context);
        return o;
    }
}
