package io.infrapivot.source.circl;

import io.infrapivot.source.pdns.Cof;
import io.infrapivot.source.pdns.PdnsRecord;
import io.infrapivot.source.thirdparty.ServiceException;
import java.util.List;

/** CIRCL Passive DNS answers: COF lines (see {@link Cof}); an empty body means no records. */
public final class CirclParser {
    private CirclParser() {}

    public static List<PdnsRecord> parse(String body) throws ServiceException {
        return Cof.parse(body);
    }
}
