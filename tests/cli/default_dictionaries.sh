#!/usr/bin/env bash
# dyad's default dictionaries (dictionaries/): every actor and agent file
# passes `dyad dict check` on its own and together, the issue and discard
# lists are well formed, the verb and noun pattern files pass `dyad dict
# check` and code a few sentences, the folder resolves as a set for `dyad
# extract`, and countries.actors.txt is what
# scripts/make-country-dictionary.py makes.
# Arguments: $1 dyad binary, $2 source dir, $3 shared dir (unused).
set -u
dyad=$1
src=$2
dir=$src/dictionaries
fail=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

[ -d "$dir" ] || { echo "no $dir"; exit 1; }

actors=("$dir"/*actors*.txt)
agents=("$dir"/*agents*.txt)
[ -e "${actors[0]}" ] || { echo "FAIL: no actor files in $dir"; exit 1; }
[ -e "${agents[0]}" ] || { echo "FAIL: no agents file in $dir"; exit 1; }

# 1. Each actor and agent file on its own.
for f in "${actors[@]}" "${agents[@]}"; do
  if ! out=$("$dyad" dict check "$f" 2>&1); then
    echo "FAIL: dict check $f"; echo "$out" | head -20; fail=1
  fi
done

# 2. The actor files as one dictionary, in the loader's order: a phrase given
# different codes in two files would be reported here.
cat "${actors[@]}" > "$tmp/all.actors.txt"
if ! out=$("$dyad" dict check "$tmp/all.actors.txt" 2>&1); then
  echo "FAIL: the actor files conflict with each other"; echo "$out" | head -20; fail=1
fi

# Coverage floor: the people file keeps its size (one record per person).
people=$(grep -c '^[A-Z]' "$dir/people.actors.txt")
if [ "$people" -lt 800 ]; then echo "FAIL: only $people people"; fail=1; fi
grep -q '^KIM_JONG_UN_' "$dir/people.actors.txt" || { echo "FAIL: no Kim Jong Un"; fail=1; }

# 3. Issue list: <ISSUE ...> blocks holding "phrase [CODE]" or "~phrase" lines.
issues=$(ls "$dir"/*issue* 2>/dev/null | head -1)
if [ -n "$issues" ]; then
  bad=$(sed 's/#.*//' "$issues" | awk '
    /^[ \t]*$/ { next }
    /^<ISSUE / { if (open) { print NR ": nested <ISSUE>"; } open = 1; next }
    /^<\/ISSUE>/ { if (!open) print NR ": </ISSUE> without <ISSUE>"; open = 0; next }
    /^~/ { if (!open) print NR ": outside <ISSUE>"; next }
    /^[^[]+ \[[A-Z0-9_]+\][ \t]*$/ { if (!open) print NR ": outside <ISSUE>"; n++; next }
    { print NR ": not \"phrase [CODE]\": " $0 }
    END { if (open) print "unclosed <ISSUE>"; if (n < 100) print "only " n " issue lines" }')
  if [ -n "$bad" ]; then echo "FAIL: $issues"; echo "$bad" | head -20; fail=1; fi
else
  echo "FAIL: no issue list"; fail=1
fi

# 4. Discard list: one phrase a line, no codes.
discards=$(ls "$dir"/*discard* 2>/dev/null | head -1)
if [ -n "$discards" ]; then
  bad=$(sed 's/#.*//' "$discards" | awk '
    /^[ \t]*$/ { next }
    /[][{}]/ { print NR ": brackets in a discard phrase: " $0; next }
    /^\+?[ \t]*$/ { print NR ": empty phrase"; next }
    { n++ }
    END { if (n < 50) print "only " n " discard phrases" }')
  if [ -n "$bad" ]; then echo "FAIL: $discards"; echo "$bad" | head -20; fail=1; fi
else
  echo "FAIL: no discard list"; fail=1
fi

# 4b. Verb and noun pattern files: no problem, every CAMEO root has a verb
# block, and the file holds the light-verb constructions of the news.
patterns=()
for f in "$dir"/*verb*.txt "$dir"/*noun*.txt; do [ -e "$f" ] && patterns+=("$f"); done
if [ ${#patterns[@]} -lt 2 ]; then
  echo "FAIL: no verbs.txt / nouns.txt in $dir"; fail=1
else
  if ! out=$("$dyad" dict check "${patterns[@]}" 2>&1); then
    echo "FAIL: dict check ${patterns[*]}"; echo "$out" | head -20; fail=1
  fi
  for root in 01 02 03 04 05 06 07 08 09 10 11 12 13 14 15 16 17 18 19 20; do
    if ! grep -Eq "^-.*\[$root[0-9]{1,2}(:[0-9-]+)?\]" "$dir/verbs.txt"; then
      echo "FAIL: verbs.txt has no pattern for root $root"; fail=1
    fi
  done
  for phrase in '&TALKS (WITH +)' '&VISIT (TO +)' '&SANCTION (ON +)' '&CONCERN' '(ON +)' '&ATTACK (ON +)'; do
    grep -qF -- "$phrase" "$dir/verbs.txt" || { echo "FAIL: verbs.txt lacks '$phrase'"; fail=1; }
  done
fi

# 5. The folder as the default set of a run.
printf 'Seoul, South Korea\n\nSouth Korean officials met Chinese diplomats in Beijing on Tuesday.\n' > "$tmp/a.txt"
if ! out=$("$dyad" extract --dict-dir "$dir" "$tmp/a.txt" 2>&1 >/dev/null); then
  echo "FAIL: dyad extract --dict-dir $dir"; echo "$out" | head -20; fail=1
fi

# 6. The country dictionary is the generator's output (needs python3 and
# Debian's iso-codes; skipped, not failed, without them).
if command -v python3 >/dev/null && [ -f /usr/share/iso-codes/json/iso_3166-1.json ]; then
  if ! python3 "$src/scripts/make-country-dictionary.py" --check -o "$dir/countries.actors.txt"; then
    echo "FAIL: countries.actors.txt is stale"; fail=1
  fi
else
  echo "note: python3 or iso-codes missing; generator check skipped"
fi

# 7. The whole folder codes events: a visit, sanctions, talks and an attack
# through the verb patterns, and a trip and trade talks through the noun
# patterns, each in its own sentence.
cat > "$tmp/e.txt" <<'TEXT'
Talks in Asia

Chinese President Xi Jinping visited Russia on Monday.
The United States imposed new sanctions on Iran.
Japan held talks with South Korea in Tokyo.
Israeli jets bombed Gaza on Monday.
Russia's trip to Japan ended on Tuesday.
The Japan-Russia trade talks ended on Wednesday.
TEXT
if out=$("$dyad" extract --format tsv --date 2019-01-08 --dict-dir "$dir" "$tmp/e.txt" 2>&1); then
  events=$(echo "$out" | cut -f2,3,5)
  for want in 'CHNGOV	RUS	04' 'USA	IRN	16' 'JPN	KOR	04' 'ISR	PSE	19' 'RUS	JPN	04' 'JPN	RUS	04' 'RUS	JPN	04'; do
    echo "$events" | grep -q "^$want" || { echo "FAIL: the patterns do not code '$want'"; echo "$out" | head -20; fail=1; }
  done
else
  echo "FAIL: dyad extract --format tsv"; echo "$out" | head -20; fail=1
fi

if [ $fail -ne 0 ]; then exit 1; fi
echo "default dictionaries: ${#actors[@]} actor files, ${#agents[@]} agents file, verb and noun patterns, issues and discards: ok"
exit 0
