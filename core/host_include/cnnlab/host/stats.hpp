#pragma once
#include <cstddef>
#include <vector>

#include "cnnlab/export.hpp"

namespace cnnlab {

// Arithmetic mean; NaN for no values.
CNNLAB_API double mean(const std::vector<double>& values);
// Sample standard deviation (divisor n - 1, numpy's ddof=1); NaN for fewer than two values.
CNNLAB_API double sample_std(const std::vector<double>& values);

// The regularized incomplete beta function I_x(a, b) for a, b > 0 and 0 <= x <= 1
// (continued fraction, Numerical Recipes' betacf, relative accuracy ~1e-14); NaN outside.
CNNLAB_API double regularized_incomplete_beta(double a, double b, double x);

// P(|T| >= |t|) for Student's t with `dof` degrees of freedom: I_{dof/(dof+t^2)}(dof/2, 1/2).
CNNLAB_API double student_t_two_sided_p(double t, double dof);

struct PairedTestResult {
  size_t folds = 0;
  double mean_difference = 0.0;  // mean of a[i] - b[i]
  double t = 0.0;
  double dof = 0.0;      // folds - 1
  double p_value = 1.0;  // two-sided
};

// Nadeau & Bengio's corrected resampled paired t-test over k folds (Machine Learning 52, 2003),
// for two models scored on the same folds: d = a - b,
//   t = mean(d) / sqrt((1/k + n_test/n_train) * var(d)),   var with divisor k - 1,
// with k - 1 degrees of freedom; the n_test/n_train term corrects for the overlap of training
// sets between folds, which the plain paired t-test ignores (and so claims differences on
// noise). For K-fold, n_test/n_train = 1/(k-1).
// When every difference is equal, var(d) = 0: t is 0 with p = 1 if they are all zero, else
// +-infinity with p = 0. With fewer than two folds there is no test: t and p are NaN.
// Throws cnnlab::Error when a and b differ in length or n_train is 0.
CNNLAB_API PairedTestResult corrected_paired_t_test(const std::vector<double>& a,
                                                    const std::vector<double>& b, size_t n_train,
                                                    size_t n_test);

}  // namespace cnnlab
