#include "cnnlab/host/stats.hpp"

#include <cmath>
#include <limits>
#include <string>

#include "cnnlab/error.hpp"

namespace cnnlab {

namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

// Continued fraction of the incomplete beta function by the modified Lentz method
// (Numerical Recipes, 2nd ed., section 6.4); converges quickly for x < (a + 1) / (a + b + 2).
double beta_continued_fraction(double a, double b, double x) {
  constexpr int kMaxIterations = 300;
  constexpr double kEpsilon = 1e-15;
  constexpr double kTiny = 1e-300;
  const double qab = a + b, qap = a + 1.0, qam = a - 1.0;
  double c = 1.0;
  double d = 1.0 - qab * x / qap;
  if (std::fabs(d) < kTiny) d = kTiny;
  d = 1.0 / d;
  double h = d;
  for (int m = 1; m <= kMaxIterations; ++m) {
    const double m2 = 2.0 * m;
    // Even step of the recurrence.
    double aa = m * (b - m) * x / ((qam + m2) * (a + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    h *= d * c;
    // Odd step.
    aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
    d = 1.0 + aa * d;
    if (std::fabs(d) < kTiny) d = kTiny;
    c = 1.0 + aa / c;
    if (std::fabs(c) < kTiny) c = kTiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < kEpsilon) break;
  }
  return h;
}

}  // namespace

double mean(const std::vector<double>& values) {
  if (values.empty()) return kNaN;
  double sum = 0.0;
  for (double v : values) sum += v;
  return sum / static_cast<double>(values.size());
}

double sample_std(const std::vector<double>& values) {
  if (values.size() < 2) return kNaN;
  const double m = mean(values);
  double squares = 0.0;
  for (double v : values) squares += (v - m) * (v - m);
  return std::sqrt(squares / static_cast<double>(values.size() - 1));
}

double regularized_incomplete_beta(double a, double b, double x) {
  if (!(a > 0.0) || !(b > 0.0) || !(x >= 0.0 && x <= 1.0)) return kNaN;
  if (x == 0.0 || x == 1.0) return x;
  // x^a (1-x)^b / (a B(a, b)), through logarithms to stay finite for large a and b.
  const double log_front =
      std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b) + a * std::log(x) + b * std::log1p(-x);
  const double front = std::exp(log_front);
  // The fraction converges fast on one side of the mean; the symmetry
  // I_x(a, b) = 1 - I_{1-x}(b, a) covers the other.
  if (x < (a + 1.0) / (a + b + 2.0)) return front * beta_continued_fraction(a, b, x) / a;
  return 1.0 - front * beta_continued_fraction(b, a, 1.0 - x) / b;
}

double student_t_two_sided_p(double t, double dof) {
  if (std::isnan(t) || !(dof > 0.0)) return kNaN;
  if (std::isinf(t)) return 0.0;
  return regularized_incomplete_beta(dof / 2.0, 0.5, dof / (dof + t * t));
}

PairedTestResult corrected_paired_t_test(const std::vector<double>& a, const std::vector<double>& b,
                                         size_t n_train, size_t n_test) {
  if (a.size() != b.size()) {
    throw Error("paired t-test: " + std::to_string(a.size()) + " scores against " +
                std::to_string(b.size()));
  }
  if (n_train == 0) throw Error("paired t-test: the training sets are empty");
  PairedTestResult result;
  result.folds = a.size();
  std::vector<double> d(a.size());
  for (size_t i = 0; i < a.size(); ++i) d[i] = a[i] - b[i];
  result.mean_difference = mean(d);
  if (d.size() < 2) {
    result.t = result.p_value = kNaN;
    result.dof = 0.0;
    return result;
  }
  const double k = static_cast<double>(d.size());
  result.dof = k - 1.0;
  const double sd = sample_std(d);
  const double variance = sd * sd;
  const double correction = 1.0 / k + static_cast<double>(n_test) / static_cast<double>(n_train);
  if (variance == 0.0) {
    if (result.mean_difference == 0.0) {
      result.t = 0.0;
      result.p_value = 1.0;
    } else {
      result.t = std::copysign(std::numeric_limits<double>::infinity(), result.mean_difference);
      result.p_value = 0.0;
    }
    return result;
  }
  result.t = result.mean_difference / std::sqrt(correction * variance);
  result.p_value = student_t_two_sided_p(result.t, result.dof);
  return result;
}

}  // namespace cnnlab
