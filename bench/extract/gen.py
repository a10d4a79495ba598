#!/usr/bin/env python3
"""Generates the extract benchmark corpus: mixed prose, HTML and log lines carrying indicators, many defanged.

usage: gen.py OUT_DIR SIZE_MB [SEED]
writes OUT_DIR/corpus.txt and OUT_DIR/truth.tsv (category<TAB>value of every planted indicator, canonical).
"""
import os
import random
import sys

out, size_mb = sys.argv[1], int(sys.argv[2])
rnd = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 15)
WORDS = ("the analysis of the sample shows that it connects to several servers and downloads a second stage "
         "which then persists through a scheduled task while the operators rotate their infrastructure every week "
         "report observed traffic campaign actor loader beacon payload dropper phishing credential").split()
TLDS = ["com", "net", "org", "ru", "io", "info", "xyz", "top", "co.uk", "de", "biz", "online"]


def name():
    return rnd.choice(WORDS) + "-" + rnd.choice(WORDS) + str(rnd.randint(1, 999)) + "." + rnd.choice(TLDS)


def ip():
    return "%d.%d.%d.%d" % (rnd.choice([23, 45, 62, 77, 91, 103, 141, 185, 193, 203]), rnd.randint(0, 255),
                            rnd.randint(0, 255), rnd.randint(1, 254))


def hexs(n):
    return "%0*x" % (n, rnd.getrandbits(n * 4))


# a pool of indicators, each used many times (as in real reports and logs)
pool = []
for _ in range(3000):
    pool.append(("domain", name()))
for _ in range(3000):
    pool.append(("ip", ip()))
for _ in range(2000):
    pool.append(("url", "http%s://%s/%s/%s.php?id=%d" % (rnd.choice(["", "s"]), name(), rnd.choice(WORDS),
                                                      rnd.choice(WORDS), rnd.randint(1, 9999))))
for _ in range(1000):
    pool.append(("email", "%s.%s@%s" % (rnd.choice(WORDS), rnd.choice(WORDS), name())))
for n in (32, 40, 64, 128):
    for _ in range(500):
        pool.append(("hash", hexs(n)))
for _ in range(300):
    pool.append(("asn", "AS%d" % rnd.randint(1000, 400000)))
for _ in range(300):
    pool.append(("analytics", "UA-%d-%d" % (rnd.randint(100000, 99999999), rnd.randint(1, 9))))
for _ in range(200):
    pool.append(("ip", "2001:db8:%x:%x::%x" % (rnd.randint(1, 0xffff), rnd.randint(1, 0xffff), rnd.randint(1, 0xffff))))


def defang(cat, v):
    r = rnd.random()
    if r < 0.45:
        return v
    if cat in ("domain", "url", "email", "ip"):
        dot = rnd.choice(["[.]", "(.)", "{.}", "[dot]", "(dot)"])
        if cat == "url":
            scheme, rest = v.split("://", 1)
            host, path = rest.split("/", 1)
            scheme = {"http": rnd.choice(["hxxp", "hXXp", "http"]), "https": rnd.choice(["hxxps", "hXXps", "https"])}[scheme]
            sep = rnd.choice(["://", "[://]", "[:]//"])
            return scheme + sep + host.replace(".", dot) + "/" + path
        if cat == "email":
            local, dom = v.split("@")
            return local + rnd.choice(["[@]", "(@)", "[at]", "(at)"]) + dom.replace(".", dot)
        if cat == "ip":
            if ":" in v:
                return v
            parts = v.split(".")
            return ".".join(parts[:3]) + dot + parts[3]
        return v.replace(".", dot)
    return v


used = set()
size = 0
limit = size_mb << 20
with open(os.path.join(out, "corpus.txt"), "w") as f:
    while size < limit:
        kind = rnd.random()
        cat, v = rnd.choice(pool)
        used.add((cat, v))
        if kind < 0.4:
            words = [rnd.choice(WORDS) for _ in range(rnd.randint(6, 16))]
            words.insert(rnd.randint(0, len(words)), defang(cat, v))
            line = " ".join(words)
            line = line[0].upper() + line[1:] + ".\n"
        elif kind < 0.7:
            t = rnd.choice(["<p>The actor used <b>%s</b> for staging.</p>\n",
                            "<li><a href=\"https://www.wikipedia.org/wiki/Malware\">ref</a> %s</li>\n",
                            "<script>var cfg = {\"c2\": \"%s\", \"sleep\": 60};</script>\n",
                            "<td>%s</td><td>malicious</td>\n"])
            line = t % defang(cat, v)
        else:
            line = "2024-03-%02d %02d:%02d:%02d sensor=ids01 event=alert sig=\"ET POLICY\" value=%s proto=TCP\n" % (
                rnd.randint(1, 28), rnd.randint(0, 23), rnd.randint(0, 59), rnd.randint(0, 59), v)
        f.write(line)
        size += len(line)
with open(os.path.join(out, "truth.tsv"), "w") as f:
    for cat, v in sorted(used):
        f.write(cat + "\t" + v + "\n")
