package io.infrapivot.app.extract;

import io.infrapivot.model.IndicatorType;

/**
 * One indicator found in a window of text: its type, canonical value, and where it stood (positions in the window
 * as it was, before refanging); {@code defanged} when that text was written defanged.
 */
record Candidate(IndicatorType type, String value, int start, int end, boolean defanged) {}
