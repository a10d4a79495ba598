package io.infrapivot.engine;

import io.infrapivot.source.rdap.RdapParser;
import io.infrapivot.source.registration.RegistrationRecord;
import io.infrapivot.source.whois.ServerProfile;
import io.infrapivot.source.whois.WhoisClient;
import io.infrapivot.source.whois.WhoisParser;
import java.time.Instant;
import java.util.Locale;

/**
 * Registration answers saved earlier (WHOIS text, RDAP JSON), parsed offline by the same parsers the
 * {@code whois} and {@code rdap} sources use: the faces hand bytes to the engine and get a record back,
 * without knowing the sources' packages.
 */
public final class SavedAnswers {
    /** The formats of a saved answer. */
    public enum Format { WHOIS, RDAP }

    private SavedAnswers() {}

    /**
     * Parses one saved answer. WHOIS text is decoded as the server's declared charset, else UTF-8, else Latin-1.
     *
     * @param format  null: guessed (RDAP when the text is a JSON object; WHOIS when a server is given)
     * @param server  the WHOIS server that gave the answer (chooses its format, charset and time zone), or null
     * @param fetched when the answer was received
     */
    public static RegistrationRecord parse(byte[] bytes, Format format, String server, Instant fetched) {
        String text = WhoisClient.decode(bytes, null);
        Format fmt = format != null ? format : server != null ? Format.WHOIS : guess(text);
        String host = server == null ? null : server.toLowerCase(Locale.ROOT);
        if (fmt == Format.RDAP) return RdapParser.parse(text, 0, null, null, fetched);
        String whoisText = host == null ? text : WhoisClient.decode(bytes, ServerProfile.of(host).charset());
        return WhoisParser.parse(whoisText, host, null, fetched);
    }

    /** RDAP when the text is a JSON object, WHOIS otherwise. */
    static Format guess(String text) {
        return text.stripLeading().startsWith("{") ? Format.RDAP : Format.WHOIS;
    }
}
