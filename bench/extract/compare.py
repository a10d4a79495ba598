#!/usr/bin/env python3
"""Compares infrapivot's and ioc-extractor's findings with the planted truth: recall per category, and what each
found that the other did not. usage: compare.py truth.tsv ours.jsonl theirs.tsv"""
import json
import sys

CAT_OURS = {"ip": "ip", "domain": "domain", "host": "domain", "url": "url", "email": "email", "hash": "hash",
            "asn": "asn", "analytics-id": "analytics"}
CAT_THEIRS = {"ipv4s": "ip", "ipv6s": "ip", "domains": "domain", "urls": "url", "emails": "email", "md5s": "hash",
              "sha1s": "hash", "sha256s": "hash", "sha512s": "hash", "asns": "asn", "gaTrackIDs": "analytics",
              "gaPubIDs": "analytics"}


def norm(cat, v):
    v = v.strip()
    if cat in ("domain", "email", "hash"):
        return v.lower()
    if cat == "url":
        scheme, rest = v.split("://", 1)
        host, _, path = rest.partition("/")
        return scheme.lower() + "://" + host.lower() + "/" + path
    if cat == "ip":
        return v.lower()
    return v.upper() if cat != "analytics" else v


def load_truth(p):
    s = set()
    for line in open(p):
        c, v = line.rstrip("\n").split("\t", 1)
        s.add((c, norm(c, v)))
        if c == "url":  # the host of a planted URL and the domain of an address are findings too
            s.add(("domain", v.split("://", 1)[1].split("/", 1)[0].lower()))
        if c == "email":
            s.add(("domain", v.split("@", 1)[1].lower()))
    return s


truth = load_truth(sys.argv[1])
ours = set()
for line in open(sys.argv[2]):
    o = json.loads(line)
    c = CAT_OURS.get(o["type"])
    if c:
        ours.add((c, norm(c, o["value"])))
theirs = set()
for line in open(sys.argv[3]):
    if not line.strip():
        continue
    k, v = line.rstrip("\n").split("\t", 1)
    c = CAT_THEIRS.get(k)
    if c:
        theirs.add((c, norm(c, v)))

cats = sorted({c for c, _ in truth})
print("%-10s %8s %12s %12s %12s %12s" % ("category", "planted", "infrapivot", "ioc-extr.", "only ours", "only theirs"))
for c in cats:
    t = {x for x in truth if x[0] == c}
    o = {x for x in ours if x[0] == c}
    th = {x for x in theirs if x[0] == c}
    print("%-10s %8d %11.1f%% %11.1f%% %12d %12d" % (c, len(t), 100.0 * len(t & o) / len(t), 100.0 * len(t & th) / len(t),
                                                    len(o - th), len(th - o)))
t_all = len(truth)
print("%-10s %8d %11.1f%% %11.1f%%" % ("all", t_all, 100.0 * len(truth & ours) / t_all, 100.0 * len(truth & theirs) / t_all))
print("found but not planted: infrapivot %d, ioc-extractor %d" % (len(ours - truth), len(theirs - truth)))
for name, mine, other in (("infrapivot", ours, theirs), ("ioc-extractor", theirs, ours)):
    for c in cats:
        extra = sorted(x for x in mine - other if x[0] == c)[:3]
        if extra:
            print("examples only %s found (%s): %s" % (name, c, ", ".join(v for _, v in extra)))
missed = sorted(truth - ours)[:8]
print("examples planted, missed by infrapivot: %s" % ", ".join(c + " " + v for c, v in missed))
