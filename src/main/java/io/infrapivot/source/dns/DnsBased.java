package io.infrapivot.source.dns;

import io.infrapivot.source.InheritsSettings;
import java.util.Set;

/**
 * A DNS-based source: its resolver settings (resolvers, timeout, retries, tcp, doh, EDNS) come from
 * {@code [sources.dns]} unless its own table sets them.
 */
public interface DnsBased extends InheritsSettings {
    @Override
    default String settingsFrom() {
        return "dns";
    }

    @Override
    default Set<String> inheritedSettings() {
        return DnsConfig.sharedSettingNames();
    }
}
