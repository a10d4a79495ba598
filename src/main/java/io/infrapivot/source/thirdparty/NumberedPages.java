package io.infrapivot.source.thirdparty;

import io.infrapivot.model.Indicator;
import io.infrapivot.source.LookupResult;

/**
 * Walks a reverse-WHOIS service's numbered pages (page 1, 2, ...) until the last page or the result cap,
 * mapping each page's domains as they come and reporting the service's total.
 */
public final class NumberedPages {
    private NumberedPages() {}

    /** Builds the request for one page number. */
    @FunctionalInterface
    public interface Pages {
        ServiceCall.Request request(String page);
    }

    /** Reads one page's body. */
    @FunctionalInterface
    public interface Reader {
        Page<DomainHit> read(String body) throws ServiceException;
    }

    public static LookupResult reverseWhois(Indicator indicator, ServiceCall call, Pages pages, Reader reader)
            throws ServiceException, InterruptedException {
        long fetched = 0;
        Long total = null;
        String page = "1";
        while (page != null && fetched < call.maxResults()) {
            String body = call.getExplained(pages.request(page), reader::read, false);
            Page<DomainHit> p = reader.read(body);
            var hits = call.capped(p.items(), fetched);
            ReverseWhoisMapper.map(indicator, hits, call.facts());
            fetched += hits.size();
            total = p.total();
            page = p.items().isEmpty() ? null : p.next();
        }
        return call.result(total, fetched, false);
    }
}
