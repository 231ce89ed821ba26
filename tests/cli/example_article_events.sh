#!/usr/bin/env bash
# The example article's events, dated 2019-01-08, with the Phoenix
# dictionaries (CAMEO.2.0.txt verbs) and with dyad's default dictionaries:
# the US praise of China ("we appreciate that", Pompeo) and the US appeal to
# China ("Trump has pushed heavily for Chinese support") are found, with
# evidence on the right words, and no hostile event (roots 11-20: disapprove,
# reject, threaten, protest and the material conflicts) between the US and
# China is coded. A demand (root 10) is verbal conflict in the quad classes
# but is what the article reports.
# Arguments: $1 dyad binary, $2 source dir, $3 shared dir.
set -u
dyad=$1
shared=$3
article=$shared/examples/article-kim-xi-trade-talks.txt
P=$shared/data/petrarch/dictionaries
if [ ! -f "$article" ] || [ ! -f "$P/CAMEO.2.0.txt" ]; then
  echo "SKIP: needs $article and $P (absent)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fail=0

# Phoenix has neither Trump nor Kim Jong Un; the format allows a file of
# additions after its own.
printf 'DONALD_TRUMP_ [USAGOV 20170120-20210120]\n+TRUMP_\nKIM_JONG_UN_ [PRKGOV]\n' > "$tmp/people.actors.txt"

# Columns of --format tsv: date source target code root quad_class goldstein
# plover source_text target_text article_id sentence url issues; plus the
# trigger text from the JSON output, checked separately.
check() {
  local name=$1 tsv=$2 json=$3
  # US -> China praise (root 05) on "appreciate".
  if ! awk -F'\t' 'NR > 1 && $2 ~ /^USA/ && $3 ~ /^CHN/ && $5 == "05"' "$tsv" | grep -q .; then
    echo "FAIL ($name): no US -> China praise"; fail=1
  fi
  if ! grep -q '"text":"appreciate"' "$json"; then
    echo "FAIL ($name): the praise's trigger is not \"appreciate\""; fail=1
  fi
  # US -> China appeal or demand (root 02 or 10) on "pushed".
  if ! awk -F'\t' 'NR > 1 && $2 ~ /^USA/ && $3 ~ /^CHN/ && ($5 == "02" || $5 == "10")' "$tsv" | grep -q .; then
    echo "FAIL ($name): no US -> China appeal or demand"; fail=1
  fi
  if ! grep -q '"text":"pushed"' "$json"; then
    echo "FAIL ($name): the appeal's trigger is not \"pushed\""; fail=1
  fi
  # Nothing hostile between the two.
  hostile=$(awk -F'\t' 'NR > 1 && $5 + 0 >= 11 &&
      (($2 ~ /^USA/ && $3 ~ /^CHN/) || ($2 ~ /^CHN/ && $3 ~ /^USA/))' "$tsv")
  if [ -n "$hostile" ]; then
    echo "FAIL ($name): hostile US-China event:"; echo "$hostile"; fail=1
  fi
}

phoenix=(--verbs "$P/CAMEO.2.0.txt"
  --actors "$P/Phoenix.Countries.actors.txt,$P/Phoenix.International.actors.txt,$P/Phoenix.MilNonState.actors.txt,$tmp/people.actors.txt"
  --agents "$P/Phoenix.agents.txt" --discards "$P/Phoenix.discards.txt" --issues "$P/Phoenix.IssueCoding.txt")
"$dyad" extract --date 2019-01-08 --format tsv "${phoenix[@]}" "$article" > "$tmp/p.tsv" 2> "$tmp/p.err" ||
  { echo "FAIL: extract (Phoenix)"; cat "$tmp/p.err"; exit 1; }
"$dyad" extract --date 2019-01-08 "${phoenix[@]}" "$article" | tr -d ' \n' > "$tmp/p.json" ||
  { echo "FAIL: extract (Phoenix, JSON)"; exit 1; }
check Phoenix "$tmp/p.tsv" "$tmp/p.json"

"$dyad" extract --date 2019-01-08 --format tsv "$article" > "$tmp/d.tsv" 2> "$tmp/d.err" ||
  { echo "FAIL: extract (defaults)"; cat "$tmp/d.err"; exit 1; }
"$dyad" extract --date 2019-01-08 "$article" | tr -d ' \n' > "$tmp/d.json" ||
  { echo "FAIL: extract (defaults, JSON)"; exit 1; }
check defaults "$tmp/d.tsv" "$tmp/d.json"

[ "$fail" = 0 ] && echo "example article events: ok"
exit "$fail"
