#!/usr/bin/env python3
"""Compares the office codes of people in dyad's people dictionary with the
codes the Phoenix actor dictionaries give the same people.

For every person in dictionaries/people.actors.txt whose primary name (or a
synonym of two or more words) is also a Phoenix actor with dated codes, and
whose dated codes overlap Phoenix's in time, the script samples dates in
every dated range of either side (clipped to 1990-01-01 .. the horizon, the
date after which Phoenix was no longer maintained) and asks each dictionary
which code holds on that date, with the loader's rule (the first dated code
whose range holds, else the undated code). Codes agree when their country
and first role segment agree (USAGOV and USAGOVMIL agree: Phoenix often adds
a ministry segment that dyad leaves to the agent dictionary); the exact share
is printed too. Dates on which Phoenix gives no code at all are counted apart:
there is nothing to compare. Each disagreement is listed.

Usage:
  scripts/compare-people.py [--shared DIR] [--horizon YYYYMMDD] [--samples N]
                            [--people FILE] [--list]

Reads the Phoenix files from DIR/data/petrarch/dictionaries at run time
(default DIR: ../shared beside the repository); copies nothing.
"""

import argparse
import datetime as dt
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def phrase_key(text):
    return " ".join(w for w in re.split(r"[_\s]+", text.lower()) if w)


def parse_date(s):
    if not s.isdigit() or len(s) not in (6, 8):
        return None
    if len(s) == 6:
        yy = int(s[:2])
        s = ("20" if yy <= 30 else "19") + s
    try:
        return dt.date(int(s[:4]), int(s[4:6]), int(s[6:8]))
    except ValueError:
        return None


def parse_group(group):
    """'[CODE restriction]' -> (code, lo, hi) or None; lo/hi None = open."""
    inner = group.strip()[1:-1].strip()
    if not inner:
        return None
    parts = inner.split(None, 1)
    code = parts[0].upper()
    rest = re.sub(r"\s+", "", parts[1]) if len(parts) > 1 else ""
    if not rest:
        return (code, None, None, False)
    if rest[0] == "<":
        d = parse_date(rest[1:])
        return (code, None, d, True) if d else None
    if rest[0] == ">":
        d = parse_date(rest[1:])
        return (code, d, None, True) if d else None
    if "-" in rest:
        a, b = rest.split("-", 1)
        da, db = parse_date(a), parse_date(b)
        return (code, da, db, True) if da and db and da <= db else None
    d = parse_date(rest)
    return (code, d, None, True) if d else None


def strip_comments(text):
    text = re.sub(r"<!--.*?-->", "", text, flags=re.S)
    out = []
    for line in text.splitlines():
        if line.lstrip().startswith("<!"):
            continue
        line = line.split("#", 1)[0].split(";", 1)[0]
        out.append(line)
    return out


class Record:
    def __init__(self, primary, where):
        self.primary = primary
        self.where = where
        self.phrases = [primary]
        self.dated = []    # (code, lo, hi)
        self.default = None

    def add(self, g):
        code, lo, hi, is_dated = g
        if is_dated:
            self.dated.append((code, lo, hi))
        elif self.default is None:
            self.default = code

    def range_on(self, day):
        """The dated range that holds on day, or None (the undated code)."""
        for code, lo, hi in self.dated:
            if (lo is None or day >= lo) and (hi is None or day <= hi):
                return (code, lo, hi)
        return None

    def code_on(self, day):
        r = self.range_on(day)
        code = r[0] if r else self.default
        return None if code in (None, "---") else code


def read_actors(path):
    """Records of a PETRARCH actor file, and phrase -> record (later wins)."""
    records, index = [], {}
    cur = None
    text = Path(path).read_bytes().decode("utf-8", errors="replace")
    for n, raw in enumerate(strip_comments(text), 1):
        line = raw.strip()
        if not line:
            continue
        groups = re.findall(r"\[[^\]]*\]", line)
        head = re.split(r"\[", line, 1)[0].strip()
        if line.startswith("["):
            if cur is not None:
                for g in groups:
                    p = parse_group(g)
                    if p:
                        cur.add(p)
            continue
        if line.startswith("+"):
            if cur is not None:
                cur.phrases.append(head[1:])
                for g in groups:
                    p = parse_group(g)
                    if p:
                        cur.add(p)
            continue
        cur = Record(head, f"{Path(path).name}:{n}")
        records.append(cur)
        for g in groups:
            p = parse_group(g)
            if p:
                cur.add(p)
    for r in records:
        if r.dated or r.default:
            for ph in r.phrases:
                k = phrase_key(ph)
                if k:
                    index[k] = r
    return records, index


KINDS = {
    "edge": "within 31 days of a range limit (day conventions, month-rounded dates)",
    "open": "Phoenix still in office on an open range (>date) after the office ended",
    "role": "a role other than GOV/ELI on either side (LEG, OPP, MIL, SPY, IGO, ...)",
    "phoenix_eli": "dyad GOV, Phoenix ELI (an office Phoenix lacks)",
    "dyad_eli": "dyad ELI, Phoenix GOV (an office dyad lacks, or a Phoenix error)",
    "other": "other",
}


def kind(day, ours, theirs, edges, their_range):
    if any(abs((day - e).days) <= 31 for e in edges):
        return "edge"
    role_o, role_t = ours[3:6], theirs[3:6]
    if their_range and their_range[2] is None and role_o in ("ELI", "OPP"):
        return "open"
    if role_o not in ("GOV", "ELI") or role_t not in ("GOV", "ELI") or ours[:3] != theirs[:3]:
        return "role"
    if role_o == "GOV":
        return "phoenix_eli"
    if role_t == "GOV":
        return "dyad_eli"
    return "other"


def clip(lo, hi, start, end):
    lo = max(lo or start, start)
    hi = min(hi or end, end)
    return (lo, hi) if lo <= hi else None


def sample(lo, hi, n):
    """n dates spread evenly inside [lo, hi], limits excluded (n+1 equal parts)."""
    span = (hi - lo).days
    return sorted({lo + dt.timedelta(days=round((i + 1) * span / (n + 1))) for i in range(n)})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    ap.add_argument("--people", type=Path, default=ROOT / "dictionaries/people.actors.txt")
    ap.add_argument("--horizon", default="20141231",
                    help="last date compared (Phoenix's leaders stop about here)")
    ap.add_argument("--samples", type=int, default=12, help="dates per dated range")
    ap.add_argument("--list", action="store_true", help="list every compared person")
    a = ap.parse_args()
    pdir = a.shared / "data/petrarch/dictionaries"
    files = [pdir / "Phoenix.Countries.actors.txt", pdir / "Phoenix.International.actors.txt"]
    if not all(f.exists() for f in files):
        print(f"needs {pdir}: absent", file=sys.stderr)
        return 77
    start, horizon = dt.date(1990, 1, 1), parse_date(a.horizon)
    pindex = {}
    for f in files:
        pindex.update(read_actors(f)[1])
    ours, _ = read_actors(a.people)

    total = agree = exact = silent = 0
    people = 0
    disagreements = []

    kinds = {k: 0 for k in KINDS}

    def same(x, y):
        return x is not None and y is not None and x[:6] == y[:6]

    for r in ours:
        if not r.dated:
            continue
        keys = [phrase_key(r.primary)] + [phrase_key(p) for p in r.phrases[1:]
                                           if len(phrase_key(p).split()) >= 2]
        ph = next((pindex[k] for k in keys if k in pindex), None)
        if ph is None or not ph.dated:
            continue
        ours_r = [c for c in (clip(lo, hi, start, horizon) for _, lo, hi in r.dated) if c]
        theirs = [c for c in (clip(lo, hi, start, horizon) for _, lo, hi in ph.dated) if c]
        if not any(x[0] <= y[1] and y[0] <= x[1] for x in ours_r for y in theirs):
            continue
        people += 1
        days = sorted({d for lo, hi in ours_r + theirs for d in sample(lo, hi, a.samples)})
        pairs = [(d, r.code_on(d), ph.code_on(d)) for d in days]
        silent += sum(1 for _, _, t in pairs if t is None)
        pairs = [p for p in pairs if p[2] is not None]
        bad = [p for p in pairs if not same(p[1], p[2])]
        edges = [x for _, lo, hi in r.dated + ph.dated for x in (lo, hi) if x]
        for d, o, t in bad:
            kinds[kind(d, o, t, edges, ph.range_on(d))] += 1
        total += len(pairs)
        agree += len(pairs) - len(bad)
        exact += sum(1 for _, o, t in pairs if o == t)
        if a.list or bad:
            line = f"{r.primary} ({r.where} / {ph.where}): {len(pairs) - len(bad)}/{len(pairs)}"
            if bad:
                runs, last = [], None  # consecutive sampled dates with the same pair
                for i, (d, o, t) in enumerate(pairs):
                    if same(o, t):
                        continue
                    if runs and last == i - 1 and runs[-1][2:] == [o, t]:
                        runs[-1][1] = d
                    else:
                        runs.append([d, d, o, t])
                    last = i
                line += "; " + "; ".join(
                    (f"{x[0]}" if x[0] == x[1] else f"{x[0]}..{x[1]}") + f" dyad {x[2]} phoenix {x[3]}"
                    for x in runs)
            disagreements.append(line)
    for line in disagreements:
        print(line)
    pct = lambda n: 100.0 * n / total if total else 0.0
    print(f"people compared: {people}; dates with a Phoenix code: {total} "
          f"(and {silent} on which Phoenix gives none)")
    print(f"codes agree (country and role): {agree} ({pct(agree):.1f} %); "
          f"exactly: {exact} ({pct(exact):.1f} %)")
    for k, text in KINDS.items():
        print(f"  disagreements {text}: {kinds[k]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
