// Main-text extraction from a news page, over gumbo's HTML5 parse tree.
//
// The content root is, in this order: the <article> with the most paragraph
// text, if it holds at least half of the paragraph text of the best
// text-density candidate; the same for <main> (or role=main); else the
// text-density candidate: the element whose <p> children (full weight) and
// grandchildren (half weight) hold the most text. Under the root, boilerplate
// (navigation, header, footer, aside, scripts, forms, figures and their
// captions, share and comment widgets, link lists) is dropped, and the text of
// each block element becomes one paragraph.
#include <gumbo.h>

#include <algorithm>
#include <cctype>
#include <cstdlib>
#include <unordered_map>
#include <vector>

#include "dyad/utf8.h"
#include "io/html_internal.h"
#include "io/io_internal.h"

namespace dyad::io_internal {
namespace {

// The HTML parser takes time quadratic in the nesting depth (0.4 s at 10 000
// levels, over a minute at 100 000): deeper pages are refused up front.
constexpr int kMaxEstimatedDepth = 5000;
// Our own tree walks recurse; they stop here whatever the parser built.
constexpr int kMaxWalkDepth = 6000;

bool IsElement(const GumboNode* n) { return n->type == GUMBO_NODE_ELEMENT; }
GumboTag Tag(const GumboNode* n) { return n->v.element.tag; }
const GumboVector& Children(const GumboNode* n) { return n->v.element.children; }
GumboNode* Child(const GumboNode* n, unsigned i) {
  return static_cast<GumboNode*>(n->v.element.children.data[i]);
}

std::string_view Attr(const GumboNode* n, const char* name) {
  const GumboAttribute* a = gumbo_get_attribute(&n->v.element.attributes, name);
  return a != nullptr ? std::string_view(a->value) : std::string_view();
}
bool HasAttr(const GumboNode* n, const char* name) {
  return gumbo_get_attribute(&n->v.element.attributes, name) != nullptr;
}

bool IsHtmlSpace(unsigned char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

// Words that mark widgets around an article when they are a part of a class
// or id ("share-bar", "article-comments", "sd-sharing-enabled"; not
// "commentary").
bool IsBoilerplateName(std::string_view name) {
  static constexpr std::string_view kWords[] = {
      "share",       "sharing",       "sharedaddy", "social",    "comment",      "comments",
      "related",     "relatedposts",  "newsletter", "subscribe", "subscription", "promo",
      "advert",      "advertisement", "ad",         "ads",       "sponsored",    "breadcrumb",
      "breadcrumbs", "cookie",        "cookies",    "popup",     "modal",        "caption",
      "nav",         "navbar",        "navigation", "menu",      "footer",       "header",
      "masthead",    "toolbar"};
  static constexpr std::string_view kWhole[] = {"sr-only", "visually-hidden", "screen-reader-text",
                                                "hidden"};
  std::string lower = AsciiLower(name);
  for (std::string_view w : kWhole) {
    if (lower == w) return true;
  }
  std::string_view rest = lower;
  while (!rest.empty()) {
    size_t end = rest.find_first_of("-_");
    std::string_view part = rest.substr(0, end);
    for (std::string_view w : kWords) {
      if (part == w) return true;
    }
    if (end == std::string_view::npos) break;
    rest.remove_prefix(end + 1);
  }
  return false;
}

bool HasBoilerplateClassOrId(const GumboNode* n) {
  if (IsBoilerplateName(Attr(n, "id"))) return true;
  std::string_view classes = Attr(n, "class");
  size_t i = 0;
  while (i < classes.size()) {
    while (i < classes.size() && IsHtmlSpace(classes[i])) ++i;
    size_t j = i;
    while (j < classes.size() && !IsHtmlSpace(classes[j])) ++j;
    if (j > i && IsBoilerplateName(classes.substr(i, j - i))) return true;
    i = j;
  }
  return false;
}

// Elements whose content is never article text.
bool IsBoilerplate(const GumboNode* n) {
  switch (Tag(n)) {
    case GUMBO_TAG_HEAD:
    case GUMBO_TAG_TITLE:
    case GUMBO_TAG_NAV:
    case GUMBO_TAG_HEADER:
    case GUMBO_TAG_FOOTER:
    case GUMBO_TAG_ASIDE:
    case GUMBO_TAG_SCRIPT:
    case GUMBO_TAG_STYLE:
    case GUMBO_TAG_NOSCRIPT:
    case GUMBO_TAG_FORM:
    case GUMBO_TAG_FIGURE:
    case GUMBO_TAG_FIGCAPTION:
    case GUMBO_TAG_BUTTON:
    case GUMBO_TAG_IFRAME:
    case GUMBO_TAG_SVG:
    case GUMBO_TAG_MATH:
    case GUMBO_TAG_TEMPLATE:
    case GUMBO_TAG_SELECT:
    case GUMBO_TAG_TEXTAREA:
    case GUMBO_TAG_INPUT:
    case GUMBO_TAG_OBJECT:
    case GUMBO_TAG_EMBED:
    case GUMBO_TAG_CANVAS:
    case GUMBO_TAG_VIDEO:
    case GUMBO_TAG_AUDIO:
    case GUMBO_TAG_MAP:
    case GUMBO_TAG_MENU:
      return true;
    // The page's outer containers are never dropped for their class names
    // ("has-sidebar" on <body>).
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_ARTICLE:
      return false;
    default:
      break;
  }
  static constexpr std::string_view kRoles[] = {"navigation",    "banner", "contentinfo",
                                                "complementary", "menu",   "menubar",
                                                "search",        "dialog", "alert"};
  std::string role = AsciiLower(Attr(n, "role"));
  for (std::string_view r : kRoles) {
    if (role == r) return true;
  }
  if (HasAttr(n, "hidden") || AsciiLower(Attr(n, "aria-hidden")) == "true") return true;
  return HasBoilerplateClassOrId(n);
}

bool IsBlock(GumboTag tag) {
  switch (tag) {
    case GUMBO_TAG_P:
    case GUMBO_TAG_DIV:
    case GUMBO_TAG_SECTION:
    case GUMBO_TAG_ARTICLE:
    case GUMBO_TAG_MAIN:
    case GUMBO_TAG_H1:
    case GUMBO_TAG_H2:
    case GUMBO_TAG_H3:
    case GUMBO_TAG_H4:
    case GUMBO_TAG_H5:
    case GUMBO_TAG_H6:
    case GUMBO_TAG_UL:
    case GUMBO_TAG_OL:
    case GUMBO_TAG_LI:
    case GUMBO_TAG_DL:
    case GUMBO_TAG_DT:
    case GUMBO_TAG_DD:
    case GUMBO_TAG_BLOCKQUOTE:
    case GUMBO_TAG_PRE:
    case GUMBO_TAG_TABLE:
    case GUMBO_TAG_TR:
    case GUMBO_TAG_TD:
    case GUMBO_TAG_TH:
    case GUMBO_TAG_CAPTION:
    case GUMBO_TAG_HR:
    case GUMBO_TAG_ADDRESS:
    case GUMBO_TAG_CENTER:
    case GUMBO_TAG_DETAILS:
    case GUMBO_TAG_SUMMARY:
    case GUMBO_TAG_FIELDSET:
    case GUMBO_TAG_BODY:
    case GUMBO_TAG_HTML:
    case GUMBO_TAG_TBODY:
    case GUMBO_TAG_THEAD:
    case GUMBO_TAG_TFOOT:
    case GUMBO_TAG_HGROUP:
      return true;
    default:
      return false;
  }
}

// Appends text with HTML whitespace (and U+00A0, which pages use as a space)
// collapsed to single spaces.
class TextBuilder {
 public:
  void Append(std::string_view s) {
    for (size_t i = 0; i < s.size(); ++i) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (IsHtmlSpace(c)) {
        space_ = true;
      } else if (c == 0xC2 && i + 1 < s.size() && static_cast<unsigned char>(s[i + 1]) == 0xA0) {
        space_ = true;
        ++i;
      } else {
        if (space_ && !out_.empty() && out_.back() != '\n') out_.push_back(' ');
        space_ = false;
        out_.push_back(static_cast<char>(c));
      }
    }
  }
  void LineBreak() {
    while (!out_.empty() && out_.back() == ' ') out_.pop_back();
    if (!out_.empty() && out_.back() != '\n') out_.push_back('\n');
    space_ = false;
  }
  std::string Take() {
    while (!out_.empty() && (out_.back() == ' ' || out_.back() == '\n')) out_.pop_back();
    space_ = false;
    return std::move(out_);
  }
  bool empty() const { return out_.empty(); }
  size_t size() const { return out_.size(); }

 private:
  std::string out_;
  bool space_ = false;
};

// Visible text of a subtree (boilerplate dropped), collapsed.
void CollectText(const GumboNode* n, int depth, TextBuilder* b) {
  if (depth > kMaxWalkDepth) return;
  if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
      n->type == GUMBO_NODE_CDATA) {
    b->Append(n->v.text.text);
    return;
  }
  if (!IsElement(n) || IsBoilerplate(n)) return;
  if (Tag(n) == GUMBO_TAG_BR) b->Append(" ");
  for (unsigned i = 0; i < Children(n).length; ++i) CollectText(Child(n, i), depth + 1, b);
}

std::string TextOf(const GumboNode* n) {
  TextBuilder b;
  CollectText(n, 0, &b);
  return b.Take();
}

// Bytes of text inside <a> and in all of a subtree: lists that are mostly
// links are navigation, however they are marked up.
void LinkDensity(const GumboNode* n, bool in_link, int depth, size_t* link, size_t* all) {
  if (depth > kMaxWalkDepth) return;
  if (n->type == GUMBO_NODE_TEXT) {
    size_t len = TrimWhitespace(n->v.text.text).size();
    *all += len;
    if (in_link) *link += len;
    return;
  }
  if (!IsElement(n) || IsBoilerplate(n)) return;
  in_link = in_link || Tag(n) == GUMBO_TAG_A;
  for (unsigned i = 0; i < Children(n).length; ++i) {
    LinkDensity(Child(n, i), in_link, depth + 1, link, all);
  }
}

bool IsLinkList(const GumboNode* n) {
  GumboTag t = Tag(n);
  if (t != GUMBO_TAG_UL && t != GUMBO_TAG_OL && t != GUMBO_TAG_DL && t != GUMBO_TAG_TABLE)
    return false;
  size_t link = 0, all = 0;
  LinkDensity(n, false, 0, &link, &all);
  return all > 0 && link * 10 > all * 6;
}

// What one walk over the whole page collects.
struct PageScan {
  std::unordered_map<const GumboNode*, size_t> paragraph_text;  // per element, in its subtree
  // Text-density score per element, in document order of first score.
  std::vector<std::pair<const GumboNode*, size_t>> density;
  std::unordered_map<const GumboNode*, size_t> density_index;
  std::vector<const GumboNode*> articles, mains, h1s, times;
  const GumboNode* body = nullptr;
  std::optional<std::string> title_tag;
  // meta name/property/itemprop (lower case) -> content, first one wins.
  std::unordered_map<std::string, std::string> meta;
  std::optional<std::string> canonical;
};

void AddDensity(const GumboNode* n, size_t score, PageScan* scan) {
  auto [it, added] = scan->density_index.emplace(n, scan->density.size());
  if (added) scan->density.emplace_back(n, 0);
  scan->density[it->second].second += score;
}

// Collects metadata everywhere, and paragraph text, <article>s and <main>s
// outside boilerplate. Returns the paragraph text in n's subtree.
size_t Scan(const GumboNode* n, const GumboNode* parent, bool in_boilerplate, int depth,
            PageScan* scan) {
  if (depth > kMaxWalkDepth || !IsElement(n)) return 0;
  GumboTag tag = Tag(n);
  switch (tag) {
    case GUMBO_TAG_META: {
      std::string_view key = Attr(n, "property");
      if (key.empty()) key = Attr(n, "name");
      if (key.empty()) key = Attr(n, "itemprop");
      std::string_view content = HasAttr(n, "content") ? Attr(n, "content") : Attr(n, "datetime");
      if (!key.empty() && !content.empty())
        scan->meta.emplace(AsciiLower(key), std::string(content));
      return 0;
    }
    case GUMBO_TAG_LINK:
      if (AsciiLower(Attr(n, "rel")) == "canonical" && !scan->canonical) {
        scan->canonical = std::string(TrimWhitespace(Attr(n, "href")));
      }
      return 0;
    case GUMBO_TAG_TITLE:
      if (!scan->title_tag) {
        // TextOf would drop it: <title> is not body text.
        TextBuilder b;
        for (unsigned i = 0; i < Children(n).length; ++i) CollectText(Child(n, i), depth + 1, &b);
        scan->title_tag = b.Take();
      }
      return 0;
    case GUMBO_TAG_TIME:
      if (HasAttr(n, "datetime")) scan->times.push_back(n);
      break;
    case GUMBO_TAG_H1:
      scan->h1s.push_back(n);
      break;
    case GUMBO_TAG_BODY:
      scan->body = n;
      break;
    default:
      break;
  }
  // Metadata may sit anywhere, but boilerplate holds no content.
  in_boilerplate = in_boilerplate || IsBoilerplate(n);
  if (!in_boilerplate) {
    if (tag == GUMBO_TAG_ARTICLE) scan->articles.push_back(n);
    if (tag == GUMBO_TAG_MAIN || AsciiLower(Attr(n, "role")) == "main") scan->mains.push_back(n);
  }
  if (tag == GUMBO_TAG_P && !in_boilerplate) {
    size_t len = TextOf(n).size();
    if (parent != nullptr) {
      AddDensity(parent, len, scan);
      if (parent->parent != nullptr && IsElement(parent->parent)) {
        AddDensity(parent->parent, len / 2, scan);
      }
    }
    scan->paragraph_text[n] = len;
    // A parsed tree has no <p> inside <p>, but there may be metadata.
    for (unsigned i = 0; i < Children(n).length; ++i) {
      Scan(Child(n, i), n, in_boilerplate, depth + 1, scan);
    }
    return len;
  }
  size_t total = 0;
  for (unsigned i = 0; i < Children(n).length; ++i) {
    total += Scan(Child(n, i), n, in_boilerplate, depth + 1, scan);
  }
  if (in_boilerplate) return 0;
  if (total > 0) scan->paragraph_text[n] = total;
  return total;
}

size_t ParagraphText(const PageScan& scan, const GumboNode* n) {
  auto it = scan.paragraph_text.find(n);
  return it == scan.paragraph_text.end() ? 0 : it->second;
}

bool IsInside(const GumboNode* n, const GumboNode* ancestor) {
  for (; n != nullptr; n = n->parent) {
    if (n == ancestor) return true;
  }
  return false;
}

const GumboNode* ChooseRoot(const PageScan& scan) {
  const GumboNode* dense = nullptr;
  size_t best = 0;
  for (const auto& [node, score] : scan.density) {
    if (score > best) {  // ties: the first in the document
      best = score;
      dense = node;
    }
  }
  size_t dense_text = dense != nullptr ? ParagraphText(scan, dense) : 0;
  for (const auto* candidates : {&scan.articles, &scan.mains}) {
    const GumboNode* pick = nullptr;
    size_t pick_text = 0;
    for (const GumboNode* c : *candidates) {
      size_t t = ParagraphText(scan, c);
      if (pick == nullptr || t > pick_text) {
        pick = c;
        pick_text = t;
      }
    }
    if (pick != nullptr && pick_text * 2 >= dense_text) return pick;
  }
  if (dense != nullptr) return dense;
  return scan.body;
}

// Turns the content root into paragraphs.
class BlockWriter {
 public:
  void Walk(const GumboNode* n, int depth) {
    if (depth > kMaxWalkDepth) return;
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE ||
        n->type == GUMBO_NODE_CDATA) {
      current_.Append(n->v.text.text);
      return;
    }
    if (!IsElement(n) || IsBoilerplate(n)) return;
    GumboTag tag = Tag(n);
    // The headline is the title, which comes separately.
    if (tag == GUMBO_TAG_H1 || IsLinkList(n)) return;
    if (tag == GUMBO_TAG_BR) {
      current_.LineBreak();
      return;
    }
    bool block = IsBlock(tag);
    if (block) Flush();
    for (unsigned i = 0; i < Children(n).length; ++i) Walk(Child(n, i), depth + 1);
    if (block) Flush();
  }

  std::string Take() {
    Flush();
    return std::move(text_);
  }

 private:
  void Flush() {
    std::string block = current_.Take();
    current_ = TextBuilder();
    if (block.empty()) return;
    if (!text_.empty()) text_ += "\n\n";
    text_ += block;
  }

  TextBuilder current_;
  std::string text_;
};

// A rough nesting depth from the tags alone, before parsing: start tags of
// elements that need an end tag push, end tags pop.
int EstimateNestingDepth(std::string_view html) {
  // Void elements and elements whose end tag may be left out (they close
  // themselves, so they never nest deeply).
  static constexpr std::string_view kNoNesting[] = {
      "area",  "base",  "br",       "col",     "embed",    "hr",   "img", "input", "link",
      "meta",  "param", "source",   "track",   "wbr",      "p",    "li",  "dt",    "dd",
      "tr",    "td",    "th",       "option",  "optgroup", "rb",   "rt",  "rp",    "tbody",
      "thead", "tfoot", "colgroup", "caption", "html",     "head", "body"};
  int depth = 0, max_depth = 0;
  size_t i = 0;
  while ((i = html.find('<', i)) != std::string_view::npos) {
    ++i;
    if (i >= html.size()) break;
    if (html.substr(i).starts_with("!--")) {
      size_t end = html.find("-->", i);
      if (end == std::string_view::npos) break;
      i = end + 3;
      continue;
    }
    bool closing = html[i] == '/';
    if (closing) ++i;
    size_t j = i;
    while (j < html.size() && (std::isalnum(static_cast<unsigned char>(html[j])) || html[j] == '-'))
      ++j;
    if (j == i) continue;
    std::string name = AsciiLower(html.substr(i, j - i));
    size_t gt = html.find('>', j);
    if (gt == std::string_view::npos) break;
    bool self_closing = gt > 0 && html[gt - 1] == '/';
    i = gt + 1;
    if (std::find(std::begin(kNoNesting), std::end(kNoNesting), name) != std::end(kNoNesting))
      continue;
    if (closing) {
      depth = std::max(0, depth - 1);
    } else if (!self_closing) {
      max_depth = std::max(max_depth, ++depth);
      // Raw text: what follows is not markup until the end tag.
      if (name == "script" || name == "style" || name == "textarea" || name == "xmp") {
        std::string end_tag = "</" + name;
        while ((i = html.find("</", i)) != std::string_view::npos &&
               !StartsWithIgnoreCase(html.substr(i), end_tag)) {
          i += 2;
        }
        if (i == std::string_view::npos) break;
      }
    }
  }
  return max_depth;
}

// Frees gumbo's output when it goes out of scope.
struct GumboOutputDeleter {
  void operator()(GumboOutput* out) const { gumbo_destroy_output(&kGumboDefaultOptions, out); }
};

std::string Collapse(std::string_view s) {
  TextBuilder b;
  b.Append(s);
  return b.Take();
}

bool IsAbsoluteUrl(std::string_view url) {
  return StartsWithIgnoreCase(url, "http://") || StartsWithIgnoreCase(url, "https://");
}

}  // namespace

Status ExtractHtml(std::string_view html, HtmlContent* content) {
  *content = HtmlContent();
  if (EstimateNestingDepth(html) > kMaxEstimatedDepth) {
    return Status::Unsupported("HTML nested more than " + std::to_string(kMaxEstimatedDepth) +
                               " elements deep; page skipped");
  }
  GumboOptions options = kGumboDefaultOptions;
  // Parse errors are of no use to us, and recording them costs memory
  // quadratic in the nesting depth.
  options.max_errors = 0;
  std::unique_ptr<GumboOutput, GumboOutputDeleter> output(
      gumbo_parse_with_options(&options, html.data(), html.size()));
  if (output == nullptr || output->root == nullptr) return Status::OK();

  PageScan scan;
  Scan(output->root, nullptr, false, 0, &scan);
  const GumboNode* root = ChooseRoot(scan);
  if (root != nullptr) {
    BlockWriter writer;
    writer.Walk(root, 0);
    content->text = writer.Take();
  }

  auto meta = [&scan](const char* key) -> std::optional<std::string> {
    auto it = scan.meta.find(key);
    if (it == scan.meta.end()) return std::nullopt;
    std::string v = Collapse(it->second);
    if (v.empty()) return std::nullopt;
    return v;
  };

  // og:title is the headline as the publisher wants it shared, without the
  // " | Site" suffix that <title> usually carries.
  content->title = meta("og:title");
  if (!content->title) {
    for (const GumboNode* h1 : scan.h1s) {
      if (root != nullptr && !IsInside(h1, root)) continue;
      std::string t = TextOf(h1);
      if (!t.empty()) {
        content->title = t;
        break;
      }
    }
  }
  if (!content->title && !scan.h1s.empty()) {
    std::string t = TextOf(scan.h1s.front());
    if (!t.empty()) content->title = t;
  }
  if (!content->title && scan.title_tag && !scan.title_tag->empty())
    content->title = scan.title_tag;

  if (scan.canonical && IsAbsoluteUrl(*scan.canonical)) {
    content->url = scan.canonical;
  } else if (auto og = meta("og:url"); og && IsAbsoluteUrl(*og)) {
    content->url = og;
  }
  content->site_name = meta("og:site_name");

  // Publication date: metadata first, then the first <time datetime> of the
  // content (a <time> elsewhere may date a teaser of another story).
  std::vector<std::string> dates;
  for (const char* key :
       {"article:published_time", "og:article:published_time", "datepublished", "date", "pubdate",
        "publishdate", "publish-date", "dc.date", "dc.date.issued", "dcterms.created",
        "parsely-pub-date", "sailthru.date"}) {
    if (auto v = meta(key)) dates.push_back(*v);
  }
  for (const GumboNode* t : scan.times) {
    if (root == nullptr || IsInside(t, root)) dates.push_back(Collapse(Attr(t, "datetime")));
  }
  for (const std::string& d : dates) {
    if ((content->date = NormalizeDate(d))) break;
  }
  if (!content->date && !dates.empty() && !dates.front().empty()) {
    content->unparsed_date = dates.front();
  }
  return Status::OK();
}

std::string HostOfUrl(std::string_view url) {
  size_t scheme = url.find("://");
  if (scheme == std::string_view::npos) return "";
  std::string_view rest = url.substr(scheme + 3);
  rest = rest.substr(0, rest.find_first_of("/?#"));
  if (size_t at = rest.rfind('@'); at != std::string_view::npos) rest.remove_prefix(at + 1);
  if (!rest.starts_with('[')) rest = rest.substr(0, rest.find(':'));
  return AsciiLower(rest);
}

bool HtmlToArticle(std::string_view bytes, std::string_view http_charset, const std::string& where,
                   uint64_t base_offset, const Diagnostics* diagnostics, Article* article) {
  std::string html = DecodeHtml(bytes, http_charset, where, base_offset, diagnostics);
  HtmlContent content;
  Status s = ExtractHtml(html, &content);
  if (!s.ok()) {
    ReportError(diagnostics, where + ": " + s.message());
    return false;
  }
  if (content.unparsed_date) {
    ReportWarning(diagnostics, where + ": publication date \"" +
                                   content.unparsed_date->substr(0, 60) +
                                   "\" is not YYYY-MM-DD; ignored");
  }
  article->title = std::move(content.title);
  article->url = std::move(content.url);
  article->date = std::move(content.date);
  article->text = std::move(content.text);
  article->source = std::move(content.site_name);
  if (!article->source && article->url) {
    std::string host = HostOfUrl(*article->url);
    if (!host.empty()) article->source = host;
  }
  return true;
}

}  // namespace dyad::io_internal
