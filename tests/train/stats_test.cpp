#include "cnnlab/host/stats.hpp"

#include <catch2/catch.hpp>
#include <cmath>
#include <vector>

#include "cnnlab/error.hpp"

namespace {
constexpr double kPi = 3.14159265358979323846;

// Closed forms of Student's t two-sided p-value for small degrees of freedom.
double p_dof1(double t) { return 1.0 - 2.0 / kPi * std::atan(std::fabs(t)); }
double p_dof2(double t) { return 1.0 - std::fabs(t) / std::sqrt(2.0 + t * t); }
double p_dof4(double t) {
  const double s = std::fabs(t) / std::sqrt(4.0 + t * t);
  return 1.0 - s * (3.0 - s * s) / 2.0;
}
}  // namespace

TEST_CASE("mean and sample standard deviation") {
  const std::vector<double> v{2, 4, 4, 4, 5, 5, 7, 9};
  CHECK(cnnlab::mean(v) == Approx(5.0));
  CHECK(cnnlab::sample_std(v) == Approx(std::sqrt(32.0 / 7.0)));
  CHECK(std::isnan(cnnlab::mean({})));
  CHECK(std::isnan(cnnlab::sample_std({1.0})));
}

TEST_CASE("regularized incomplete beta against closed forms") {
  // I_x(a, b) for integers is a binomial tail: I_0.5(2, 3) = (6 + 4 + 1) / 16.
  CHECK(cnnlab::regularized_incomplete_beta(2, 3, 0.5) == Approx(11.0 / 16.0).epsilon(1e-12));
  CHECK(cnnlab::regularized_incomplete_beta(1, 1, 0.3) == Approx(0.3).epsilon(1e-12));
  CHECK(cnnlab::regularized_incomplete_beta(3, 1, 0.7) == Approx(0.343).epsilon(1e-12));
  CHECK(cnnlab::regularized_incomplete_beta(1, 4, 0.2) ==
        Approx(1 - std::pow(0.8, 4)).epsilon(1e-12));
  CHECK(cnnlab::regularized_incomplete_beta(2.5, 2.5, 0.5) == Approx(0.5).epsilon(1e-12));
  CHECK(cnnlab::regularized_incomplete_beta(2, 3, 0.0) == 0.0);
  CHECK(cnnlab::regularized_incomplete_beta(2, 3, 1.0) == 1.0);
  CHECK(std::isnan(cnnlab::regularized_incomplete_beta(-1, 3, 0.5)));
  CHECK(std::isnan(cnnlab::regularized_incomplete_beta(2, 3, 1.5)));
}

TEST_CASE("two-sided Student t p-values") {
  CHECK(cnnlab::student_t_two_sided_p(2.0, 4) == Approx(0.1161165).epsilon(1e-6));
  for (double t : {0.1, 0.5, 1.0, 2.0, 3.5, 10.0, -2.5}) {
    INFO("t = " << t);
    CHECK(cnnlab::student_t_two_sided_p(t, 1) == Approx(p_dof1(t)).epsilon(1e-10));
    CHECK(cnnlab::student_t_two_sided_p(t, 2) == Approx(p_dof2(t)).epsilon(1e-10));
    CHECK(cnnlab::student_t_two_sided_p(t, 4) == Approx(p_dof4(t)).epsilon(1e-10));
  }
  // Critical values of the 5% two-sided test from t tables.
  CHECK(cnnlab::student_t_two_sided_p(12.7062047, 1) == Approx(0.05).epsilon(1e-6));
  CHECK(cnnlab::student_t_two_sided_p(2.7764451, 4) == Approx(0.05).epsilon(1e-6));
  CHECK(cnnlab::student_t_two_sided_p(2.2281389, 10) == Approx(0.05).epsilon(1e-6));
  CHECK(cnnlab::student_t_two_sided_p(1.9599640, 1e7) == Approx(0.05).epsilon(1e-5));
  CHECK(cnnlab::student_t_two_sided_p(0.0, 4) == Approx(1.0));
  CHECK(cnnlab::student_t_two_sided_p(INFINITY, 4) == 0.0);
}

TEST_CASE("Nadeau-Bengio corrected paired t-test on a hand-computed example") {
  // 5 folds of 1000 samples: n_train 800, n_test 200.
  const std::vector<double> a{0.90, 0.92, 0.91, 0.93, 0.89};
  const std::vector<double> b{0.88, 0.90, 0.90, 0.90, 0.88};
  const auto r = cnnlab::corrected_paired_t_test(a, b, 800, 200);
  // d = 0.02 0.02 0.01 0.03 0.01: mean 0.018, var = 280e-6 / 4 = 70e-6;
  // t = 0.018 / sqrt((1/5 + 200/800) * 70e-6) = 0.018 / sqrt(31.5e-6) = 3.2071349.
  CHECK(r.folds == 5);
  CHECK(r.mean_difference == Approx(0.018));
  CHECK(r.dof == 4.0);
  CHECK(r.t == Approx(3.2071349).epsilon(1e-6));
  CHECK(r.p_value == Approx(p_dof4(3.2071349)).epsilon(1e-6));
  CHECK(r.p_value == Approx(0.0326779).epsilon(1e-5));
  // The uncorrected paired t-test would claim far more confidence.
  const double naive_t = 0.018 / std::sqrt(70e-6 / 5.0);
  CHECK(r.t < naive_t);
  // Swapping the two models flips the sign and keeps the p-value.
  const auto swapped = cnnlab::corrected_paired_t_test(b, a, 800, 200);
  CHECK(swapped.t == Approx(-r.t));
  CHECK(swapped.p_value == Approx(r.p_value));
}

TEST_CASE("paired t-test edge cases") {
  const auto same = cnnlab::corrected_paired_t_test({0.5, 0.6}, {0.5, 0.6}, 10, 10);
  CHECK(same.t == 0.0);
  CHECK(same.p_value == 1.0);
  const auto shifted = cnnlab::corrected_paired_t_test({1.0, 2.0}, {0.0, 1.0}, 10, 10);
  CHECK(std::isinf(shifted.t));
  CHECK(shifted.p_value == 0.0);
  const auto single = cnnlab::corrected_paired_t_test({0.9}, {0.8}, 10, 10);
  CHECK(std::isnan(single.p_value));
  CHECK(single.mean_difference == Approx(0.1));
  CHECK_THROWS_AS(cnnlab::corrected_paired_t_test({1.0}, {1.0, 2.0}, 10, 10), cnnlab::Error);
  CHECK_THROWS_AS(cnnlab::corrected_paired_t_test({1.0}, {1.0}, 0, 10), cnnlab::Error);
}
