package io.infrapivot.source;

import io.infrapivot.source.casedata.CaseSource;
import io.infrapivot.source.classify.ClassifySource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The one list of built-in sources. Adding a source is one new package and one line here.
 */
public final class SourceRegistry {
    private static final List<Supplier<Source>> BUILT_IN = List.of(
            ClassifySource::new,
            CaseSource::new,
            io.infrapivot.source.file.FileSource::new,
            io.infrapivot.source.savedpage.SavedPageSource::new,
            io.infrapivot.source.dns.DnsSource::new,
            io.infrapivot.source.dnsbl.DnsblSource::new,
            io.infrapivot.source.cymru.CymruSource::new,
            io.infrapivot.source.axfr.AxfrSource::new,
            io.infrapivot.source.subdomains.SubdomainsSource::new,
            io.infrapivot.source.rdap.RdapSource::new,
            io.infrapivot.source.whois.WhoisSource::new,
            io.infrapivot.source.circl.CirclSource::new,
            io.infrapivot.source.mnemonic.MnemonicSource::new,
            io.infrapivot.source.otx.OtxSource::new,
            io.infrapivot.source.robtex.RobtexSource::new,
            io.infrapivot.source.hackertarget.HackerTargetSource::new,
            io.infrapivot.source.virustotal.VirusTotalSource::new,
            io.infrapivot.source.securitytrails.SecurityTrailsSource::new,
            io.infrapivot.source.passivetotal.PassiveTotalSource::new,
            io.infrapivot.source.dnsdb.DnsdbSource::new,
            io.infrapivot.source.crtsh.CrtShSource::new,
            io.infrapivot.source.certspotter.CertspotterSource::new,
            io.infrapivot.source.domaintools.DomainToolsSource::new,
            io.infrapivot.source.whoisxml.WhoisXmlSource::new,
            io.infrapivot.source.whoxy.WhoxySource::new,
            io.infrapivot.source.viewdns.ViewDnsSource::new,
            io.infrapivot.source.web.WebSource::new,
            io.infrapivot.source.shodan.ShodanSource::new,
            io.infrapivot.source.spyonweb.SpyOnWebSource::new,
            io.infrapivot.source.apivoid.ApiVoidSource::new,
            io.infrapivot.source.urlhaus.UrlhausSource::new,
            io.infrapivot.source.threatfox.ThreatFoxSource::new,
            io.infrapivot.source.abuseipdb.AbuseIpdbSource::new,
            io.infrapivot.source.internetdb.InternetDbSource::new,
            io.infrapivot.source.spamhausdrop.SpamhausDropSource::new,
            io.infrapivot.source.torexit.TorExitSource::new,
            io.infrapivot.source.urlscan.UrlscanSource::new,
            io.infrapivot.source.geoip.GeoIpSource::new,
            io.infrapivot.source.ripestat.RipeStatSource::new,
            io.infrapivot.source.bgptools.BgpToolsSource::new,
            io.infrapivot.source.peeringdb.PeeringDbSource::new,
            io.infrapivot.source.ipinfo.IpInfoSource::new,
            io.infrapivot.source.malwarebazaar.MalwareBazaarSource::new,
            io.infrapivot.source.hashlookup.HashlookupSource::new,
            io.infrapivot.source.mhr.MhrSource::new,
            io.infrapivot.source.triage.TriageSource::new,
            io.infrapivot.source.hybridanalysis.HybridAnalysisSource::new
    );

    private final List<Source> sources;

    public SourceRegistry(List<Source> sources) {
        List<String> ids = new ArrayList<>();
        for (Source s : sources) {
            if (ids.contains(s.info().id())) throw new IllegalArgumentException("duplicate source id " + s.info().id());
            ids.add(s.info().id());
        }
        this.sources = List.copyOf(sources);
    }

    /** A fresh instance of every built-in source. */
    public static SourceRegistry builtIn() {
        return new SourceRegistry(BUILT_IN.stream().map(Supplier::get).toList());
    }

    public List<Source> all() {
        return sources;
    }

    public List<String> ids() {
        return sources.stream().map(s -> s.info().id()).toList();
    }

    public Optional<Source> byId(String id) {
        return sources.stream().filter(s -> s.info().id().equals(id)).findFirst();
    }
}
