package io.infrapivot.source.dns;

import java.io.IOException;
import java.io.InputStream;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import org.xbill.DNS.Message;

/**
 * DNS over HTTPS (RFC 8484): the query in wire format POSTed as {@code application/dns-message}, with
 * message ID 0 as the RFC recommends (it keeps answers cacheable by HTTP caches). Uses the JDK's HTTP
 * client; redirects are not followed.
 */
final class DohUpstream implements Upstream {
    static final String DNS_MESSAGE = "application/dns-message";
    /** An answer larger than a DNS message can be is refused. */
    private static final int MAX_BYTES = 65535;

    private final HttpClient http;
    private final URI url;
    private final Duration timeout;

    DohUpstream(URI url, Duration timeout) {
        this.url = url;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @Override
    public Message send(Message query) throws IOException, InterruptedException {
        Message q = query.clone();
        int id = q.getHeader().getID();
        q.getHeader().setID(0);
        HttpRequest req = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", DNS_MESSAGE)
                .header("Content-Type", DNS_MESSAGE).POST(HttpRequest.BodyPublishers.ofByteArray(q.toWire()))
                .build();
        HttpResponse<InputStream> resp;
        try {
            resp = http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new SocketTimeoutException("no answer from " + url);
        }
        try (InputStream in = resp.body()) {
            if (resp.statusCode() != 200) throw new IOException("DoH server answered HTTP " + resp.statusCode());
            String ct = resp.headers().firstValue("Content-Type").orElse("");
            if (!ct.toLowerCase(java.util.Locale.ROOT).startsWith(DNS_MESSAGE)) {
                throw new IOException("DoH server answered '" + io.infrapivot.model.Safe.oneLine(
                        io.infrapivot.model.Safe.truncate(ct, 60)) + "', not " + DNS_MESSAGE);
            }
            byte[] bytes = in.readNBytes(MAX_BYTES + 1);
            if (bytes.length > MAX_BYTES) throw new IOException("DoH answer larger than a DNS message may be");
            Message answer = new Message(bytes);
            answer.getHeader().setID(id);
            return answer;
        }
    }

    @Override
    public String label() {
        return url.toString();
    }
}
