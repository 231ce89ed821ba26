// dyad eval agreement: codes the same articles with dyad's dictionaries and
// with a reference set and says where they agree (dyad/agreement_eval.h,
// docs/dictionaries.md "Agreement with Phoenix").
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>
#include <vector>

#include "command.h"
#include "dyad/agreement_eval.h"

namespace {

int Usage(const char* why) {
  std::fprintf(stderr,
               "dyad eval agreement: %s\n"
               "usage: dyad eval agreement --reference-dicts DIR [--reference-verbs FILE]\n"
               "                           [--dict-dir DIR2] [--disagreements N [--seed S]\n"
               "                           [--disagreements-out FILE]] [--date YYYY-MM-DD]\n"
               "                           [--threads N] [--models DIR] [--data DIR] INPUT...\n",
               why);
  return 2;
}

int EvalAgreement(const std::vector<std::string>& args) {
  dyad::AgreementOptions options;
  std::string reference_dir, reference_verbs, disagreements_out;
  std::vector<std::string> paths;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& a = args[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= args.size()) return false;
      *out = args[++i];
      return true;
    };
    auto number = [&](uint64_t* out) {
      std::string v;
      if (!value(&v) || v.empty() || v.find_first_not_of("0123456789") != std::string::npos)
        return false;
      *out = std::strtoull(v.c_str(), nullptr, 10);
      return true;
    };
    if (a == "--reference-dicts") {
      if (!value(&reference_dir)) return Usage("--reference-dicts needs a folder");
    } else if (a == "--reference-verbs") {
      if (!value(&reference_verbs)) return Usage("--reference-verbs needs a file");
    } else if (a == "--dict-dir") {
      if (!value(&options.dyad.dict_dir)) return Usage("--dict-dir needs a folder");
    } else if (a == "--disagreements") {
      uint64_t n = 0;
      if (!number(&n)) return Usage("--disagreements needs a number");
      options.disagreements = n;
    } else if (a == "--disagreements-out") {
      if (!value(&disagreements_out)) return Usage("--disagreements-out needs a file");
    } else if (a == "--seed") {
      if (!number(&options.seed)) return Usage("--seed needs a number");
    } else if (a == "--threads") {
      uint64_t n = 0;
      if (!number(&n)) return Usage("--threads needs a number");
      options.threads = static_cast<int>(n);
    } else if (a == "--date") {
      std::string d;
      if (!value(&d)) return Usage("--date needs YYYY-MM-DD");
      options.read.default_date = d;
    } else if (a == "--models") {
      if (!value(&options.models_dir)) return Usage("--models needs a folder");
    } else if (a == "--data") {
      if (!value(&options.data_dir)) return Usage("--data needs a folder");
    } else if (a.size() > 1 && a[0] == '-') {
      return Usage(("unknown option " + a).c_str());
    } else {
      paths.push_back(a);
    }
  }
  if (reference_dir.empty()) return Usage("needs --reference-dicts");
  if (paths.empty()) return Usage("needs input files or folders");

  auto reference = dyad::ReferenceDictionaries(reference_dir, reference_verbs);
  if (!reference.ok()) {
    std::fprintf(stderr, "dyad eval agreement: %s\n", reference.status().ToString().c_str());
    return 1;
  }
  options.reference = *reference;
  auto inputs = dyad::ExpandInputs(paths, options.read);
  if (!inputs.ok()) {
    std::fprintf(stderr, "dyad eval agreement: %s\n", inputs.status().ToString().c_str());
    return 1;
  }
  size_t errors = 0;
  dyad::Diagnostics diagnostics;
  diagnostics.error = [&](const std::string& m) {
    ++errors;
    std::fprintf(stderr, "%s\n", m.c_str());
  };
  diagnostics.warning = [](const std::string& m) {
    std::fprintf(stderr, "warning: %s\n", m.c_str());
  };

  auto tally = dyad::RunAgreement(*inputs, options, diagnostics);
  if (!tally.ok()) {
    std::fprintf(stderr, "dyad eval agreement: %s\n", tally.status().ToString().c_str());
    return 1;
  }
  std::fputs(dyad::FormatAgreement(*tally).c_str(), stdout);
  if (options.disagreements > 0) {
    const std::string text = dyad::FormatDisagreements(*tally);
    if (disagreements_out.empty()) {
      std::fputs("\n", stdout);
      std::fputs(text.c_str(), stdout);
    } else {
      std::ofstream out(disagreements_out, std::ios::binary);
      out << text;
      if (!out) {
        std::fprintf(stderr, "dyad eval agreement: cannot write %s\n", disagreements_out.c_str());
        return 1;
      }
    }
  }
  return errors == 0 ? 0 : 1;
}

}  // namespace

DYAD_COMMAND("eval agreement",
             "--reference-dicts DIR [--dict-dir DIR2] [--disagreements N] INPUT...   compare "
             "dyad's event coding with a reference dictionary set",
             EvalAgreement);
