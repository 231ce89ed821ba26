// Tokenization following UD English EWT (v2.16). The conventions, checked
// against the treebank's training file (docs/text.md has the counts):
//  - clitics are multi-word tokens: "don't" = "do" + "n't", "Kim's" = "Kim" +
//    "'s", "parents'" = "parents" + "'", "cannot" = "can" + "not",
//    "gonna" = "gon" + "na", and the apostrophe-less web spellings "dont",
//    "im", "youre";
//  - punctuation and every quotation mark are tokens; a run of sentence
//    punctuation ("...", "?!") or of one repeated symbol ("--", "***") is one;
//  - a hyphen between words is a token ("Trump - Kim") except after the
//    prefixes of data/text/hyphen_prefixes.txt ("e-mail", "co-workers") and
//    in phone numbers and dates ("713-853-3989"); ranges are split;
//  - abbreviations keep their period ("Dr.", "U.S.", "a.m.", "J.");
//  - numbers ("1,000.50", "3:30", "11/28/2000"), URLs, e-mail addresses,
//    hashtags and emoticons are one token; a unit glued to a number is not
//    ("5" "pm").
// The scanner works on bytes with an ASCII fast path and allocates nothing.
#include <algorithm>
#include <cstring>
#include <fstream>

#include "text/char_class_internal.h"
#include "text/tokenizer_internal.h"
#include "utf8proc.h"
#include "util/ascii.h"

namespace dyad::text_internal {
namespace {

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiUpper(char c) { return c >= 'A' && c <= 'Z'; }

// Lower-cases ASCII `s` into `buf` (capacity n). False when `s` is too long
// or not ASCII; such words are in none of the lists.
bool LowerAscii(std::string_view s, char* buf, size_t n) {
  if (s.size() > n) return false;
  for (size_t i = 0; i < s.size(); ++i) {
    if (static_cast<unsigned char>(s[i]) >= 0x80) return false;
    buf[i] = AsciiLower(s[i]);
  }
  return true;
}

bool StartsWithIgnoreCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    if (AsciiLower(s[i]) != prefix[i]) return false;
  }
  return true;
}

// Reads a word list: one entry per line, '#' comments, surrounding blanks
// ignored.
Status ReadList(const std::string& path, std::vector<std::string>* out) {
  std::ifstream in(path);
  if (!in) return Status::NotFound(path + ": cannot open");
  std::string line;
  while (std::getline(in, line)) {
    while (!line.empty() && (line.back() == '\r' || line.back() == ' ' || line.back() == '\t')) {
      line.pop_back();
    }
    size_t b = line.find_first_not_of(" \t");
    if (b == std::string::npos) continue;
    line.erase(0, b);
    if (line.size() >= 2 && line[0] == '#' && line[1] == ' ') continue;
    if (line == "#") continue;
    out->push_back(line);
  }
  return Status::OK();
}

bool IsEmailChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsAsciiDigit(c) || c == '.' ||
         c == '_' || c == '%' || c == '+' || c == '-';
}

// Contractions written without an apostrophe (web text) and fused forms that
// EWT splits: word -> offset of the second word.
struct FusedForm {
  std::string_view word;
  uint32_t split;
};
constexpr FusedForm kFusedForms[] = {
    {"cannot", 3},  {"gonna", 3},    {"wanna", 3},  {"gotta", 3}, {"gimme", 3},  {"lemme", 3},
    {"dont", 2},    {"didnt", 3},    {"doesnt", 4}, {"cant", 2},  {"wont", 2},   {"couldnt", 5},
    {"wouldnt", 5}, {"shouldnt", 6}, {"isnt", 2},   {"arent", 3}, {"wasnt", 3},  {"werent", 4},
    {"hasnt", 3},   {"havent", 4},   {"hadnt", 3},  {"aint", 2},  {"im", 1},     {"ive", 1},
    {"youre", 3},   {"theyre", 4},   {"thats", 4},  {"whats", 4}, {"theres", 5}, {"awhile", 1},
};

// For (first letter, last letter): a bit per length of the fused forms that
// have them, so that most words are rejected by one load.
struct FusedFormIndex {
  uint16_t lengths[26][26] = {};
  constexpr FusedFormIndex() {
    for (const FusedForm& f : kFusedForms) {
      lengths[f.word.front() - 'a'][f.word.back() - 'a'] |= uint16_t{1} << f.word.size();
    }
  }
};

constexpr FusedFormIndex kFusedFormIndex;

// Whether `w` (not empty) may be a fused form, by its first and last letters
// and its length: most words are rejected here, inline.
inline bool MayBeFusedForm(std::string_view w) {
  const char a = AsciiLower(w.front()), z = AsciiLower(w.back());
  return a >= 'a' && a <= 'z' && z >= 'a' && z <= 'z' && w.size() <= 15 &&
         (kFusedFormIndex.lengths[a - 'a'][z - 'a'] & (1u << w.size())) != 0;
}

// The offset of the second word of fused form `w` (any case), or 0.
// REQUIRES: MayBeFusedForm(w).
uint32_t FindFusedForm(std::string_view w);

// SplitContraction for a word without apostrophes: only the fused forms
// ("cannot", "dont") split.
int SplitFusedForm(std::string_view w, uint32_t split[2]) {
  if (w.size() < 2 || !MayBeFusedForm(w)) return 1;
  const uint32_t k = FindFusedForm(w);
  if (k == 0) return 1;
  split[0] = k;
  return 2;
}

uint32_t FindFusedForm(std::string_view w) {
  char buf[16];
  if (!LowerAscii(w, buf, sizeof(buf))) return 0;
  const std::string_view lower(buf, w.size());
  for (const FusedForm& f : kFusedForms) {
    if (f.word.size() == lower.size() && f.word[0] == lower[0] && f.word == lower) return f.split;
  }
  return 0;
}

// Whether the digits and hyphens from `pos` form a phone number or a date
// ("713-853-3989", "646-8420", "11-20-2000"), which EWT keeps whole, rather
// than a range ("13-17", "1998-2000"), which it splits.
bool IsPhoneOrDate(std::string_view text, uint32_t pos, uint32_t end) {
  int groups = 0, hyphens = 0;
  size_t first = 0, last = 0;
  uint32_t k = pos;
  while (k < end) {
    uint32_t g = k;
    while (k < end && IsAsciiDigit(text[k])) ++k;
    if (k == g) break;
    (groups == 0 ? first : last) = k - g;
    ++groups;
    if (k < end && text[k] == '-' && k + 1 < end && IsAsciiDigit(text[k + 1])) {
      ++hyphens;
      ++k;
    } else {
      break;
    }
  }
  // One hyphen: a phone number or extension has four digits after it and
  // at most three before ("646-8420", "3-5213"); "1998-2000" is a range.
  return hyphens >= 2 || (hyphens == 1 && first <= 3 && last == 4);
}

// Number of slashes in the run of digits and slashes from `pos`.
int CountDateSlashes(std::string_view text, uint32_t pos, uint32_t end) {
  int slashes = 0;
  for (uint32_t k = pos; k < end && (IsAsciiDigit(text[k]) || text[k] == '/'); ++k) {
    slashes += text[k] == '/';
  }
  return slashes;
}

// The length of a leading number that EWT splits from the letters after it
// ("5pm" -> "5" "pm", "39K"), or 0 ("1990s", "4th" stay whole).
size_t NumberUnitSplit(std::string_view w) {
  size_t d = 0;
  while (d < w.size() && (IsAsciiDigit(w[d]) || w[d] == ':' || w[d] == '.' || w[d] == ',')) ++d;
  if (d == 0 || d == w.size() || !IsAsciiDigit(w[d - 1])) return 0;
  for (size_t k = d; k < w.size(); ++k) {
    char c = w[k] | 0x20;
    if (c < 'a' || c > 'z') return 0;
  }
  char buf[3];
  std::string_view suffix = w.substr(d);
  if (suffix.size() <= 2 && LowerAscii(suffix, buf, sizeof(buf))) {
    std::string_view l(buf, suffix.size());
    if (l == "th" || l == "s" || l == "st" || l == "nd" || l == "rd" || l == "d") return 0;
  }
  return d;
}

}  // namespace

CharClass ClassifyNonAscii(char32_t cp) {
  if (utf8::IsSpace(cp)) return CharClass::kSpace;
  switch (utf8proc_category(static_cast<utf8proc_int32_t>(cp))) {
    case UTF8PROC_CATEGORY_LU:
    case UTF8PROC_CATEGORY_LL:
    case UTF8PROC_CATEGORY_LT:
    case UTF8PROC_CATEGORY_LM:
    case UTF8PROC_CATEGORY_LO:
    case UTF8PROC_CATEGORY_MN:
    case UTF8PROC_CATEGORY_MC:
    case UTF8PROC_CATEGORY_ME:
      return CharClass::kLetter;
    case UTF8PROC_CATEGORY_ND:
      return CharClass::kDigit;
    default:
      // Zero-width joiners and format characters inside words (U+200B-U+200D,
      // soft hyphen) are not word breaks.
      if (cp == 0x00AD || (cp >= 0x200B && cp <= 0x200D) || cp == 0x2060) return CharClass::kLetter;
      return CharClass::kOther;
  }
}

Result<Lexicon> Lexicon::Load(const std::string& dir) {
  Lexicon lex;
  std::vector<std::string> abbreviations, prefixes, emoticons;
  DYAD_RETURN_IF_ERROR(ReadList(dir + "/abbreviations.txt", &abbreviations));
  DYAD_RETURN_IF_ERROR(ReadList(dir + "/hyphen_prefixes.txt", &prefixes));
  DYAD_RETURN_IF_ERROR(ReadList(dir + "/emoticons.txt", &emoticons));
  for (const std::string& a : abbreviations) {
    bool lower = std::none_of(a.begin(), a.end(), IsAsciiUpper);
    (lower ? lex.abbreviations_any_case : lex.abbreviations_exact).insert(a);
  }
  for (const std::string& p : prefixes) lex.hyphen_prefixes.insert(utf8::ToLower(p));
  std::stable_sort(emoticons.begin(), emoticons.end(),
                   [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  for (std::string& e : emoticons) {
    lex.emoticons[static_cast<unsigned char>(e[0])].push_back(std::move(e));
  }
  return lex;
}

bool Lexicon::IsAbbreviation(std::string_view word) const {
  if (abbreviations_exact.find(word) != abbreviations_exact.end()) return true;
  char buf[16];
  if (!LowerAscii(word, buf, sizeof(buf))) return false;
  return abbreviations_any_case.find(std::string_view(buf, word.size())) !=
         abbreviations_any_case.end();
}

namespace {

// The bytes that can start an apostrophe: '\'', '`', and 0xE2 (of '’').
struct ApostropheBytes {
  bool is[256] = {};
  constexpr ApostropheBytes() {
    is[static_cast<uint8_t>('\'')] = is[static_cast<uint8_t>('`')] = is[0xE2] = true;
  }
};

}  // namespace

int SplitContraction(std::string_view w, uint32_t split[2]) {
  const size_t n = w.size();
  // Every clitic below has its apostrophe ('\'', '`', or the first byte 0xE2
  // of '’') among the last five bytes after the first; most words have none,
  // and only the fused forms ("cannot", "dont") remain to be checked.
  static constexpr ApostropheBytes kApostrophe;
  bool apostrophe = false;
  for (size_t k = n > 6 ? n - 5 : 1; k < n; ++k)
    apostrophe |= kApostrophe.is[static_cast<uint8_t>(w[k])];
  if (!apostrophe) return SplitFusedForm(w, split);
  // n't, n’t ("don't" -> "do" "n't"; "can't" -> "ca" "n't", as EWT).
  if (n > 3 && AsciiLower(w[n - 3]) == 'n' && w[n - 2] == '\'' && AsciiLower(w[n - 1]) == 't') {
    split[0] = static_cast<uint32_t>(n - 3);
    return 2;
  }
  if (n > 5 && AsciiLower(w[n - 5]) == 'n' && w.substr(n - 4, 3) == "\xE2\x80\x99" &&
      AsciiLower(w[n - 1]) == 't') {
    split[0] = static_cast<uint32_t>(n - 5);
    return 2;
  }
  // 's 'm 'd 're 've 'll after the last apostrophe; not after a number
  // ("60's", "1590's" are decades).
  if (n >= 3 && IsAsciiDigit(w[0]) && IsAsciiDigit(w[n - 3]) && w[n - 2] == '\'') return 1;
  // The clitic is at most "’ll": the apostrophe is among the last 5 bytes.
  for (size_t k = n; k-- > 1 && k + 5 >= n;) {
    size_t alen = 0;
    if (w[k] == '\'' || w[k] == '`') {
      alen = 1;
    } else if (k + 3 <= n && w.substr(k, 3) == "\xE2\x80\x99") {
      alen = 3;
    } else {
      continue;
    }
    char buf[3];
    std::string_view rest = w.substr(k + alen);
    if (!LowerAscii(rest, buf, sizeof(buf))) return 1;
    std::string_view r(buf, rest.size());
    if (r == "s" || r == "m" || r == "d" || r == "re" || r == "ve" || r == "ll") {
      split[0] = static_cast<uint32_t>(k);
      return 2;
    }
    return 1;
  }
  return SplitFusedForm(w, split);
}

namespace {

// Whether text[pos, end) can be a URL: at least 4 bytes, starting "ht", "ft",
// "ma" or "ww" in any case. Most words are not, and are rejected here
// without a call.
inline bool MayStartUrl(std::string_view text, uint32_t pos, uint32_t end) {
  if (pos + 4 > end) return false;
  const char a = AsciiLower(text[pos]), b = AsciiLower(text[pos + 1]);
  return (a == 'h' && b == 't') || (a == 'f' && b == 't') || (a == 'm' && b == 'a') ||
         (a == 'w' && b == 'w');
}

}  // namespace

uint32_t Tokenizer::MatchUrlOrEmail(std::string_view text, uint32_t pos, uint32_t end,
                                    bool has_at) const {
  if (!has_at && !MayStartUrl(text, pos, end)) return 0;
  std::string_view rest = text.substr(pos, end - pos);
  uint32_t len = 0;
  if (StartsWithIgnoreCase(rest, "http://") || StartsWithIgnoreCase(rest, "https://") ||
      StartsWithIgnoreCase(rest, "ftp://") || StartsWithIgnoreCase(rest, "mailto:") ||
      (StartsWithIgnoreCase(rest, "www.") && rest.size() > 4 &&
       IsAlnum(static_cast<unsigned char>(rest[4])))) {
    len = static_cast<uint32_t>(rest.size());
  } else if (has_at && IsAlnum(static_cast<unsigned char>(rest[0]))) {
    // local@domain; bounded so that a long chunk cannot make this quadratic.
    size_t k = 0, limit = std::min<size_t>(rest.size(), 256);
    while (k < limit && IsEmailChar(rest[k])) ++k;
    if (k == 0 || k >= limit || rest[k] != '@' || k + 1 >= rest.size() ||
        !IsAlnum(static_cast<unsigned char>(rest[k + 1]))) {
      return 0;
    }
    ++k;
    while (k < rest.size() && IsEmailChar(rest[k])) ++k;
    len = static_cast<uint32_t>(k);
  } else {
    return 0;
  }
  // Sentence punctuation and closing quotes after a URL are not part of it; a
  // ')' is, when the URL opened one.
  bool has_paren = rest.substr(0, len).find('(') != std::string_view::npos;
  while (len > 0) {
    unsigned char c = static_cast<unsigned char>(rest[len - 1]);
    if (c == '.' || c == ',' || c == ';' || c == ':' || c == '!' || c == '?' || c == '"' ||
        c == '\'' || c == ']' || c == '}' || c == '-' || (c == ')' && !has_paren)) {
      --len;
    } else if (c >= 0x80) {
      size_t i = len;
      if (!IsClosingQuoteOrBracket(utf8::Prev(rest, i))) break;
      len = static_cast<uint32_t>(i);
    } else {
      break;
    }
  }
  return len;
}

uint32_t Tokenizer::MatchEmoticon(std::string_view text, uint32_t pos, uint32_t end) const {
  std::string_view rest = text.substr(pos, end - pos);
  for (const std::string& e : lex_.emoticons[static_cast<unsigned char>(text[pos])]) {
    if (rest.size() < e.size() || rest.compare(0, e.size(), e) != 0) continue;
    // An emoticon stands apart from words: "(see item:)" aside, a ":D" in
    // "Note:Do" is not one.
    if (rest.size() > e.size()) {
      size_t len;
      if (IsAlnum(PeekAt(rest, e.size(), &len))) continue;
    }
    return static_cast<uint32_t>(e.size());
  }
  return 0;
}

uint32_t Tokenizer::ScanWord(std::string_view text, uint32_t pos, uint32_t end, bool* plain) const {
  *plain = true;
  uint32_t j = pos;
  uint32_t seg_start = pos;      // start of the part after the last kept hyphen
  bool in_number_group = false;  // a phone number or date is being read
  size_t len;
  while (j < end) {
    while (j < end) {
      while (j < end && IsAsciiAlnumByte(text[j])) ++j;
      if (j < end && KindOf(text[j]) == ByteKind::kNonAscii && IsAlnum(PeekAt(text, j, &len))) {
        *plain = false;
        j += static_cast<uint32_t>(len);
      } else {
        break;
      }
    }
    if (j >= end) break;
    char32_t c = PeekAt(text, j, &len);
    uint32_t nj = j + static_cast<uint32_t>(len);
    size_t nlen = 0;
    char32_t next = nj < end ? PeekAt(text, nj, &nlen) : 0;
    bool next_alnum = nj < end && IsAlnum(next);
    bool prev_digit = IsAsciiDigit(text[j - 1]);
    bool next_digit = next_alnum && next < 0x80 && IsAsciiDigit(static_cast<char>(next));
    bool keep = false;
    switch (c) {
      case '.':
        keep = next_alnum;
        break;
      case ',':
        // "1,000" and decimal commas "7,5" (EWT keeps both whole).
        keep = prev_digit && next_digit;
        break;
      case ':':
        keep = prev_digit && next_digit;
        break;
      case '/':
        // Dates ("11/28/2000") are one token; fractions and other pairs
        // ("1/2", "24/7", "c/o") are split, as in EWT.
        // Dates ("11/28/2000") and pairs of single letters ("b/c", "I/C")
        // are one token; fractions and other pairs ("1/2", "24/7") are
        // split, as in EWT.
        keep =
            in_number_group ||
            (prev_digit && next_digit && CountDateSlashes(text, seg_start, end) >= 2) ||
            (j - pos == 1 &&
             Classify(static_cast<unsigned char>(text[pos])) == CharClass::kLetter && next_alnum &&
             !next_digit && nlen == 1 && (nj + 1 >= end || !IsAlnum(PeekAt(text, nj + 1, &len))));
        in_number_group = keep && prev_digit;
        break;
      case '_':
        keep = next_alnum;  // "GCP_London", "Analysis_0712"
        break;
      case '&':
        keep = IsAsciiUpper(text[j - 1]) && next < 0x80 && IsAsciiUpper(static_cast<char>(next));
        break;
      case '-': {
        if (!next_alnum) break;
        std::string_view left = text.substr(seg_start, j - seg_start);
        bool left_digits = std::all_of(left.begin(), left.end(), IsAsciiDigit);
        if (left_digits && next_digit) {
          keep = in_number_group || IsPhoneOrDate(text, seg_start, end);
          in_number_group = keep;
        } else {
          char buf[16];
          keep = LowerAscii(left, buf, sizeof(buf)) &&
                 lex_.hyphen_prefixes.count(std::string(buf, left.size())) > 0;
        }
        if (keep) seg_start = nj;
        break;
      }
      case '\'':
      case 0x2019:
      case '`':
        // Inside a word ("don't", "O'Brien"); a quote ends it.
        keep = next_alnum && Classify(next) == CharClass::kLetter;
        break;
      default:
        break;
    }
    if (!keep) break;
    *plain = false;
    j = nj;
  }
  return j;
}

void Tokenizer::EmitWord(std::string_view text, uint32_t start, uint32_t end, bool abbreviation,
                         bool plain, std::vector<RawToken>* out) const {
  RawToken t;
  t.start = start;
  t.end = end;
  t.space_after = false;
  t.abbreviation = abbreviation;
  if (!abbreviation) {
    uint32_t split[2] = {0, 0};
    const std::string_view w = text.substr(start, end - start);
    // A plain word can only be a fused form, and most are rejected inline.
    int n = 1;
    if (!plain) {
      n = SplitContraction(w, split);
    } else if (w.size() >= 2 && MayBeFusedForm(w)) {
      n = SplitFusedForm(w, split);
    }
    if (n > 1) {
      t.num_words = static_cast<uint8_t>(n);
      t.split[0] = start + split[0];
    }
  }
  out->push_back(t);
}

namespace {

// "U.S", "a.m", "Ph.D", "e.g": letters in parts of one or two, joined by
// periods.
bool IsDottedAbbreviation(std::string_view w) {
  if (w.find('.') == std::string_view::npos) return false;
  size_t part = 0;
  for (char c : w) {
    if (c == '.') {
      if (part == 0) return false;
      part = 0;
    } else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z') {
      if (++part > 2) return false;
    } else {
      return false;
    }
  }
  return part > 0;
}

// A capital letter used as an initial ("J."); not "I" ("So did I.").
bool IsInitial(std::string_view w) {
  if (w.size() == 1) return IsAsciiUpper(w[0]) && w[0] != 'I';
  if (w.size() > 4 || static_cast<unsigned char>(w[0]) < 0x80) return false;
  size_t i = 0;
  char32_t cp = utf8::Next(w, i);
  return i == w.size() && utf8::IsUpper(cp);
}

}  // namespace

namespace {

// ScanWord's answer for the common word, without the call: a run of ASCII
// letters and digits that ends at the end of the chunk or at a character
// that cannot join it to more (ScanWord's cases: '.' only before a letter or
// digit, ',' and ':' only after a digit, never a space or other ASCII
// punctuation). 0 when ScanWord must decide.
inline uint32_t PlainWordEnd(std::string_view text, uint32_t pos, uint32_t end) {
  uint32_t j = pos;
  while (j < end && IsAsciiAlnumByte(text[j])) ++j;
  if (j == pos) return 0;
  if (j == end) return j;
  switch (text[j]) {
    case '.':
      return j + 1 == end || KindOf(text[j + 1]) == ByteKind::kOther ||
                     KindOf(text[j + 1]) == ByteKind::kAt
                 ? j
                 : 0;
    case ',':
    case ':':
      return IsAsciiDigit(text[j - 1]) ? 0 : j;
    case '/':
    case '_':
    case '&':
    case '-':
    case '\'':
    case '`':
      return 0;
    default:
      return KindOf(text[j]) == ByteKind::kNonAscii ? 0 : j;
  }
}

}  // namespace

void Tokenizer::TokenizeChunk(std::string_view text, uint32_t begin, uint32_t end, bool has_at,
                              std::vector<RawToken>* out) const {
  uint32_t pos = begin;
  size_t len;
  while (pos < end) {
    char32_t cp = PeekAt(text, pos, &len);
    uint32_t n =
        has_at || MayStartUrl(text, pos, end) ? MatchUrlOrEmail(text, pos, end, has_at) : 0;
    // Emoticons that start with a letter ("XD") must not start inside a
    // word; the others may follow one ("yes;)").
    if (n == 0 && !lex_.emoticons[static_cast<unsigned char>(text[pos])].empty() &&
        (!IsAlnum(cp) || pos == begin || !IsAlnum(static_cast<unsigned char>(text[pos - 1])))) {
      n = MatchEmoticon(text, pos, end);
    }
    if (n > 0) {
      RawToken t;
      t.start = pos;
      t.end = pos + n;
      t.space_after = false;
      out->push_back(t);
      pos += n;
      continue;
    }
    if (IsAlnum(cp)) {
      bool plain = true;
      uint32_t w_end = PlainWordEnd(text, pos, end);
      if (w_end == 0) w_end = ScanWord(text, pos, end, &plain);
      if (size_t d = NumberUnitSplit(text.substr(pos, w_end - pos)); d > 0) {
        EmitWord(text, pos, pos + static_cast<uint32_t>(d), false, plain, out);
        pos += static_cast<uint32_t>(d);
      }
      bool abbreviation = false;
      // A period is kept by an abbreviation, also before a second period
      // ("Inc.." is "Inc." + "."), but not in an ellipsis ("etc...").
      if (w_end < end && text[w_end] == '.' &&
          !(w_end + 2 < end && text[w_end + 1] == '.' && text[w_end + 2] == '.')) {
        std::string_view w = text.substr(pos, w_end - pos);
        if (IsDottedAbbreviation(w) || IsInitial(w) || lex_.IsAbbreviation(w)) {
          ++w_end;
          abbreviation = true;
        }
      }
      EmitWord(text, pos, w_end, abbreviation, plain, out);
      // Plural possessive "parents'" -> "parents" + "'" as one token, when
      // the apostrophe ends the word and cannot be a closing quote (no
      // single quote was opened in this chunk's token run).
      if (!abbreviation && w_end < end && w_end - pos >= 2 && (text[w_end - 1] | 0x20) == 's') {
        size_t alen = 0;
        char32_t a = PeekAt(text, w_end, &alen);
        uint32_t after = w_end + static_cast<uint32_t>(alen);
        size_t l2;
        if ((a == '\'' || a == 0x2019) && (after >= end || !IsAlnum(PeekAt(text, after, &l2)))) {
          // Look back a little for a single quote that opened and has not
          // closed: "‘" or a "'" glued to the word after it.
          bool opened = false;
          const size_t last = out->size() - 1;
          for (size_t k = last, seen = 0; k-- > 0 && seen < 40; ++seen) {
            const RawToken& o = (*out)[k];
            std::string_view f = text.substr(o.start, o.end - o.start);
            bool glued_before =
                o.start > 0 &&
                Classify(static_cast<unsigned char>(text[o.start - 1])) != CharClass::kSpace;
            bool glued_after = (*out)[k + 1].start == o.end;
            if (f == "\xE2\x80\x98" || (f == "'" && glued_after && !glued_before)) {
              opened = true;
              break;
            }
            if ((f == "\xE2\x80\x99" || f == "'") && glued_before) break;  // a closing quote
          }
          if (!opened && out->back().num_words == 1) {
            RawToken& t = out->back();
            t.split[0] = t.end;
            t.end = after;
            t.num_words = 2;
            w_end = after;
          }
        }
      }
      pos = w_end;
      continue;
    }
    // Punctuation and symbols.
    uint32_t e = pos + static_cast<uint32_t>(len);
    size_t l2;
    if (cp == '.' || cp == '!' || cp == '?' || cp == 0x2026) {
      // "...", "?!", "…."
      while (e < end) {
        char32_t c2 = PeekAt(text, e, &l2);
        if (c2 != '.' && c2 != '!' && c2 != '?' && c2 != 0x2026) break;
        e += static_cast<uint32_t>(l2);
      }
    } else if ((cp == '-' || cp == '=') && e < end && (text[e] == '-' || text[e] == '=')) {
      while (e < end && (text[e] == '-' || text[e] == '=')) ++e;  // "--", "----==", "==="
    } else if (cp == '#' && e < end && Classify(PeekAt(text, e, &l2)) == CharClass::kLetter &&
               (pos == begin || !IsAlnum(static_cast<unsigned char>(text[pos - 1])))) {
      bool plain;
      e = ScanWord(text, e, end, &plain);  // a hashtag, "#audiobooks"
    } else if ((cp == '\'' || cp == 0x2019) && e + 2 <= end && IsAsciiDigit(text[e]) &&
               IsAsciiDigit(text[e + 1]) &&
               (e + 2 == end || !IsAlnum(static_cast<unsigned char>(text[e + 2])) ||
                text[e + 2] == 's') &&
               (pos == begin || !IsAlnum(static_cast<unsigned char>(text[pos - 1])))) {
      e += 2;  // a year, "'72", "’90s"
      if (e < end && text[e] == 's') ++e;
    } else if (cp < 0x80 && std::strchr("-*=_~<>#+^|$/\\@%&", static_cast<char>(cp)) != nullptr) {
      while (e < end && text[e] == static_cast<char>(cp)) ++e;
    } else if ((cp == '\'' || cp == '`') && e < end && text[e] == static_cast<char>(cp)) {
      ++e;  // '' and `` (typewriter double quotes)
    } else if ((cp == 0x2018 || cp == 0x2019) && e < end) {
      char32_t c2 = PeekAt(text, e, &l2);
      if (c2 == 0x2018 || c2 == 0x2019) e += static_cast<uint32_t>(l2);  // ’’ as a double quote
    } else if (cp == '+' && pos == begin && e < end && IsAsciiDigit(text[e])) {
      bool plain;
      e = ScanWord(text, e, end, &plain);  // "+44", "+1"
    }
    RawToken t;
    t.start = pos;
    t.end = e;
    t.space_after = false;
    out->push_back(t);
    pos = e;
  }
}

namespace {

// The end of the whitespace-free chunk that starts at `pos`; sets *has_at
// when it contains an '@', so that trying every word start as an e-mail
// address stays linear. ASCII bytes are looked at without decoding.
uint32_t ChunkEnd(std::string_view text, uint32_t pos, uint32_t end, bool* has_at) {
  const char* p = text.data();
  uint32_t k = pos;
  while (k < end) {
    // The common case, a run of ASCII letters, digits and punctuation.
    while (k < end && KindOf(p[k]) <= ByteKind::kAlnum) ++k;
    if (k == end) break;
    const ByteKind kind = KindOf(p[k]);
    if (kind == ByteKind::kSpace) break;
    if (kind == ByteKind::kAt) {
      *has_at = true;
      ++k;
      continue;
    }
    size_t len;
    if (Classify(PeekAt(text, k, &len)) == CharClass::kSpace) break;
    k += static_cast<uint32_t>(len);
  }
  return k;
}

// Words that follow "its" only when it means "it is" ("its not", "its a",
// "its in"): a possessive determiner is never followed by an article, an
// adverb like these, a preposition or another determiner. EWT writes such an
// "its" as "it" + "s" (57 times in train, against 164 possessives).
bool FollowsItIs(std::string_view next) {
  static constexpr std::string_view kWords[] = {
      "a",     "an",      "the",   "not",      "really",   "simply", "very",    "like",
      "just",  "so",      "also",  "only",     "all",      "been",   "getting", "definitely",
      "now",   "still",   "kind",  "pretty",   "too",      "always", "gonna",   "going",
      "about", "because", "never", "probably", "actually", "almost", "quite",   "nothing",
      "in",    "on",      "at",    "for",      "from",     "with",   "my",      "your",
      "his",   "her",     "our",   "their",    "this",     "that",   "sooo",    "soo"};
  char buf[16];
  if (!LowerAscii(next, buf, sizeof(buf))) return false;
  const std::string_view lower(buf, next.size());
  for (std::string_view w : kWords) {
    if (w == lower) return true;
  }
  return false;
}

}  // namespace

void Tokenizer::Tokenize(std::string_view text, uint32_t begin, uint32_t end,
                         std::vector<RawToken>* out) const {
  const size_t first_token = out->size();
  uint32_t i = begin;
  bool newline = false;
  size_t len;
  while (i < end) {
    if (IsAsciiSpaceByte(text[i])) {
      if (text[i] == '\n') newline = true;
      ++i;
      continue;
    }
    char32_t cp = PeekAt(text, i, &len);
    if (Classify(cp) == CharClass::kSpace) {
      if (cp == 0x2028 || cp == 0x2029) newline = true;
      i += static_cast<uint32_t>(len);
      continue;
    }
    bool has_at = false;
    const uint32_t chunk_end = ChunkEnd(text, i, end, &has_at);
    size_t first = out->size();
    TokenizeChunk(text, i, chunk_end, has_at, out);
    if (out->size() > first) {
      (*out)[first].newline_before = newline;
      out->back().space_after = true;
      if (chunk_end < text.size()) {
        char32_t c = PeekAt(text, chunk_end, &len);
        out->back().space_after = Classify(c) == CharClass::kSpace;
      }
    }
    newline = false;
    i = chunk_end;
  }
  // "its" = "it" + "s" when the next word shows that it means "it is".
  for (size_t k = first_token; k + 1 < out->size(); ++k) {
    RawToken& t = (*out)[k];
    if (t.end - t.start != 3 || t.num_words != 1 || (text[t.start] | 0x20) != 'i' ||
        (text[t.start + 1] | 0x20) != 't' || (text[t.start + 2] | 0x20) != 's') {
      continue;
    }
    const RawToken& next = (*out)[k + 1];
    if (FollowsItIs(text.substr(next.start, next.end - next.start))) {
      t.num_words = 2;
      t.split[0] = t.start + 2;
    }
  }
}

}  // namespace dyad::text_internal
