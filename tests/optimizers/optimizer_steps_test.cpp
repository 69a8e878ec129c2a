// Optimizer steps against the update formulas of Keras, evaluated here in double precision.
#include <catch2/catch.hpp>
#include <cmath>
#include <functional>
#include <vector>

#include "cnnlab/parallel.hpp"
#include "optimizer_fixture.hpp"

using cnnlab::Parameter;
using cnnlab::test::make_optimizer;
using cnnlab::test::make_parameter;

namespace {

using Values = std::vector<std::vector<double>>;  // [parameter][element]
// One reference step: t counts from 1; updates w from g.
using ReferenceStep = std::function<void(int t, Values& w, const Values& g)>;

const std::vector<float> kStart1{0.5f, -1.0f, 2.0f, 0.0f};
const std::vector<float> kStart2{1.0f, 2.0f, -3.0f};

// A gradient that changes sign and size from step to step and element to element.
float gradient(int t, size_t param, size_t i) {
  return static_cast<float>(0.8 * std::sin(1.0 + 7.0 * t + 3.0 * static_cast<double>(i) +
                                           11.0 * static_cast<double>(param)));
}

Values zeros_like(const Values& w) {
  Values z;
  for (const auto& p : w) z.emplace_back(p.size(), 0.0);
  return z;
}

// Runs `steps` steps of the plugin optimizer and of the reference on two small parameters and
// compares every element after every step.
void check_against_reference(cnnlab::Optimizer& opt, const ReferenceStep& reference,
                             int steps = 3) {
  Parameter p1 = make_parameter(kStart1);
  Parameter p2 = make_parameter(kStart2, "bias");
  std::vector<Parameter*> params{&p1, &p2};
  opt.attach(params);
  Values w{{kStart1.begin(), kStart1.end()}, {kStart2.begin(), kStart2.end()}};
  for (int t = 1; t <= steps; ++t) {
    Values g = zeros_like(w);
    for (size_t j = 0; j < params.size(); ++j) {
      for (size_t i = 0; i < params[j]->grad.size(); ++i) {
        params[j]->grad[i] = gradient(t, j, i);
        g[j][i] = params[j]->grad[i];
      }
    }
    opt.step();
    reference(t, w, g);
    for (size_t j = 0; j < params.size(); ++j) {
      for (size_t i = 0; i < w[j].size(); ++i) {
        INFO("step " << t << ", parameter " << j << ", element " << i);
        REQUIRE(params[j]->value[i] == Approx(w[j][i]).epsilon(2e-6).margin(1e-7));
      }
    }
  }
}

ReferenceStep sgd_reference(double lr, double momentum, bool nesterov) {
  auto velocity = std::make_shared<Values>();
  return [=](int, Values& w, const Values& g) {
    if (velocity->empty()) *velocity = zeros_like(w);
    for (size_t j = 0; j < w.size(); ++j) {
      for (size_t i = 0; i < w[j].size(); ++i) {
        if (momentum == 0.0) {
          w[j][i] -= lr * g[j][i];
          continue;
        }
        double& v = (*velocity)[j][i];
        v = momentum * v - lr * g[j][i];
        w[j][i] += nesterov ? momentum * v - lr * g[j][i] : v;
      }
    }
  };
}

ReferenceStep adam_reference(double lr, double b1, double b2, double eps) {
  auto m = std::make_shared<Values>();
  auto v = std::make_shared<Values>();
  return [=](int t, Values& w, const Values& g) {
    if (m->empty()) *m = *v = zeros_like(w);
    const double alpha = lr * std::sqrt(1.0 - std::pow(b2, t)) / (1.0 - std::pow(b1, t));
    for (size_t j = 0; j < w.size(); ++j) {
      for (size_t i = 0; i < w[j].size(); ++i) {
        double& mi = (*m)[j][i];
        double& vi = (*v)[j][i];
        mi = b1 * mi + (1.0 - b1) * g[j][i];
        vi = b2 * vi + (1.0 - b2) * g[j][i] * g[j][i];
        w[j][i] -= alpha * mi / (std::sqrt(vi) + eps);
      }
    }
  };
}

ReferenceStep rmsprop_reference(double lr, double rho, double momentum, double eps, bool centered) {
  auto ms = std::make_shared<Values>();
  auto mg = std::make_shared<Values>();
  auto mom = std::make_shared<Values>();
  return [=](int, Values& w, const Values& g) {
    if (ms->empty()) *ms = *mg = *mom = zeros_like(w);
    for (size_t j = 0; j < w.size(); ++j) {
      for (size_t i = 0; i < w[j].size(); ++i) {
        double& s = (*ms)[j][i];
        s = rho * s + (1.0 - rho) * g[j][i] * g[j][i];
        double denominator = s + eps;
        if (centered) {
          double& a = (*mg)[j][i];
          a = rho * a + (1.0 - rho) * g[j][i];
          denominator = s - a * a + eps;
        }
        const double increment = lr * g[j][i] / std::sqrt(denominator);
        if (momentum > 0.0) {
          double& p = (*mom)[j][i];
          p = momentum * p + increment;
          w[j][i] -= p;
        } else {
          w[j][i] -= increment;
        }
      }
    }
  };
}

}  // namespace

TEST_CASE("sgd without momentum steps w -= lr * g with Keras' default learning rate") {
  auto opt = make_optimizer("sgd");
  CHECK(opt->learning_rate() == Approx(0.01));
  check_against_reference(*opt, sgd_reference(0.01, 0.0, false));
}

TEST_CASE("sgd with momentum keeps a velocity per parameter") {
  auto opt = make_optimizer("sgd", {{"learning_rate", "0.1"}, {"momentum", "0.9"}});
  check_against_reference(*opt, sgd_reference(0.1, 0.9, false));
}

TEST_CASE("sgd with nesterov momentum looks ahead along the velocity") {
  auto opt =
      make_optimizer("sgd", {{"learning_rate", "0.05"}, {"momentum", "0.8"}, {"nesterov", "true"}});
  check_against_reference(*opt, sgd_reference(0.05, 0.8, true));
}

TEST_CASE("sgd reproduces the example of Keras' SGD documentation") {
  // var = 1, loss = var^2 / 2, SGD(0.1, momentum=0.9): 0.9 after one step, then a step of -0.18.
  auto opt = make_optimizer("sgd", {{"learning_rate", "0.1"}, {"momentum", "0.9"}});
  Parameter var = make_parameter({1.0f});
  opt->attach({&var});
  var.grad[0] = var.value[0];
  opt->step();
  CHECK(var.value[0] == Approx(0.9f));
  const float before = var.value[0];
  var.grad[0] = var.value[0];
  opt->step();
  CHECK(var.value[0] - before == Approx(-0.18f));
}

TEST_CASE("adam with Keras defaults matches the bias-corrected update with epsilon hat") {
  auto opt = make_optimizer("adam");
  CHECK(opt->learning_rate() == Approx(0.001));
  check_against_reference(*opt, adam_reference(0.001, 0.9, 0.999, 1e-7));
}

TEST_CASE("adam honours every hyperparameter") {
  auto opt = make_optimizer(
      "adam",
      {{"learning_rate", "0.05"}, {"beta_1", "0.5"}, {"beta_2", "0.75"}, {"epsilon", "0.01"}});
  check_against_reference(*opt, adam_reference(0.05, 0.5, 0.75, 0.01), 4);
}

TEST_CASE("adam's first step moves every weight by about the learning rate") {
  // m / sqrt(v) = g / |g| at t = 1 once the bias corrections cancel: a classic sanity check.
  auto opt = make_optimizer("adam", {{"learning_rate", "0.01"}});
  Parameter p = make_parameter({1.0f, 1.0f});
  opt->attach({&p});
  p.grad[0] = 3.0f;
  p.grad[1] = -0.02f;
  opt->step();
  CHECK(p.value[0] == Approx(0.99).epsilon(1e-5));
  CHECK(p.value[1] == Approx(1.01).epsilon(1e-5));
}

TEST_CASE("rmsprop with Keras defaults") {
  auto opt = make_optimizer("rmsprop");
  CHECK(opt->learning_rate() == Approx(0.001));
  check_against_reference(*opt, rmsprop_reference(0.001, 0.9, 0.0, 1e-7, false));
}

TEST_CASE("rmsprop with momentum and centered") {
  auto momentum = make_optimizer("rmsprop", {{"learning_rate", "0.01"}, {"momentum", "0.5"}});
  check_against_reference(*momentum, rmsprop_reference(0.01, 0.9, 0.5, 1e-7, false));
  auto centered =
      make_optimizer("rmsprop", {{"learning_rate", "0.01"}, {"rho", "0.8"}, {"centered", "true"}});
  check_against_reference(*centered, rmsprop_reference(0.01, 0.8, 0.0, 1e-7, true));
  auto both = make_optimizer(
      "rmsprop",
      {{"learning_rate", "0.02"}, {"momentum", "0.3"}, {"centered", "true"}, {"epsilon", "0.001"}});
  check_against_reference(*both, rmsprop_reference(0.02, 0.9, 0.3, 0.001, true));
}

TEST_CASE("rmsprop reproduces the example of Keras' RMSprop documentation") {
  // var1 = 10, loss = var1^2 / 2, RMSprop(learning_rate=0.1): 9.683772 after one step.
  auto opt = make_optimizer("rmsprop", {{"learning_rate", "0.1"}});
  Parameter var = make_parameter({10.0f});
  opt->attach({&var});
  var.grad[0] = var.value[0];
  opt->step();
  CHECK(var.value[0] == Approx(9.683772f));
}

TEST_CASE("set_learning_rate changes the next steps") {
  auto opt = make_optimizer("sgd");
  Parameter p = make_parameter({1.0f});
  opt->attach({&p});
  opt->set_learning_rate(0.5);
  CHECK(opt->learning_rate() == 0.5);
  p.grad[0] = 1.0f;
  opt->step();
  CHECK(p.value[0] == Approx(0.5f));
}

TEST_CASE("attach starts the state afresh") {
  auto opt = make_optimizer("adam", {{"learning_rate", "0.1"}});
  Parameter a = make_parameter({1.0f});
  opt->attach({&a});
  a.grad[0] = 1.0f;
  opt->step();
  opt->step();
  Parameter b = make_parameter({1.0f});
  opt->attach({&b});
  b.grad[0] = 1.0f;
  opt->step();
  // A fresh first step moves by the learning rate, as for `a`'s first step.
  CHECK(b.value[0] == Approx(0.9f).epsilon(1e-5));
}

TEST_CASE("optimizer updates are bit-identical at 1 and 2 threads") {
  const size_t n = 100000;  // several parallel chunks
  auto run = [&](int threads) {
    cnnlab::ThreadLimit limit(threads);
    auto opt = make_optimizer("adam", {{"learning_rate", "0.01"}});
    std::vector<float> start(n);
    for (size_t i = 0; i < n; ++i) start[i] = static_cast<float>(std::cos(0.01 * i));
    Parameter p = make_parameter(start);
    opt->attach({&p});
    for (int t = 1; t <= 3; ++t) {
      for (size_t i = 0; i < n; ++i) p.grad[i] = gradient(t, 0, i);
      opt->step();
    }
    return std::vector<float>(p.value.data(), p.value.data() + n);
  };
  CHECK(run(1) == run(2));
}
