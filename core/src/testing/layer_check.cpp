#include "cnnlab/testing/layer_check.hpp"

#include <exception>
#include <sstream>

#include "layer_contracts.hpp"

namespace cnnlab::testing {

namespace {

// An exception fails the clause it escaped from, with its message as the evidence.
template <typename Check>
ContractResult run(const std::string& contract, Check&& check) {
  try {
    Verdict verdict = check();
    return {contract, verdict.passed, std::move(verdict.detail)};
  } catch (const std::exception& e) {
    return {contract, false, std::string("threw: ") + e.what()};
  }
}

}  // namespace

LayerCheckReport check_layer(const LayerFactory& make, const Tensor& x,
                             const LayerCheckOptions& options) {
  Subject s{make, x, "layer", Shape(x.dims().begin() + 1, x.dims().end()), {}, options};
  LayerCheckReport report;
  report.contracts.push_back(run("build", [&] { return check_build(s); }));
  report.layer =
      s.type + " on " + shape_to_string(s.input) + ", batch of " + std::to_string(x.dim(0));
  if (!report.contracts.back().passed) return report;

  const std::pair<const char*, Verdict (*)(const Subject&)> contracts[] = {
      {"parameters", check_parameters},
      {"output shape", check_output_shape},
      {"deterministic", check_determinism},
      {"training and inference", check_training_and_inference},
      {"threads", check_threads},
      {"backward", check_backward},
      {"round trip", check_round_trip}};
  for (const auto& [name, check] : contracts)
    report.contracts.push_back(run(name, [&, check = check] { return check(s); }));

  // Gradients have results of their own; a layer that throws on the way gets a clause instead.
  const ContractResult gradients = run("gradients", [&] {
    auto layer = prepared_layer(s, options.init_seed);
    report.gradients = check_gradients(*layer, x, options.gradients);
    return Verdict{true, ""};
  });
  if (!gradients.passed) report.contracts.push_back(gradients);
  return report;
}

bool all_passed(const LayerCheckReport& report) {
  for (const auto& c : report.contracts)
    if (!c.passed) return false;
  for (const auto& g : report.gradients)
    if (!g.passed) return false;
  return true;
}

std::string describe(const ContractResult& result) {
  return (result.passed ? "ok      " : "FAILED  ") + result.contract + ": " + result.detail;
}

std::string describe(const LayerCheckReport& report) {
  std::ostringstream text;
  text << report.layer << (all_passed(report) ? ": every check passed" : ": a check FAILED")
       << "\n";
  for (const auto& c : report.contracts) text << "  " << describe(c) << "\n";
  for (const auto& g : report.gradients) text << "  " << describe(g) << "\n";
  return text.str();
}

}  // namespace cnnlab::testing
