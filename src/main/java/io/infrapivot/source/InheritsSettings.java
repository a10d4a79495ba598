package io.infrapivot.source;

import java.util.Set;

/**
 * A source that takes some settings from another source's table unless it sets them itself: the
 * DNS-based sources share the resolver settings of {@code [sources.dns]} (timeout, retries, tcp, doh, …).
 */
public interface InheritsSettings {
    /** The source whose table is read first. */
    String settingsFrom();

    /** The settings taken from it. */
    Set<String> inheritedSettings();
}
