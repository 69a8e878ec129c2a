// Dense layers are one GEMM each, split into fixed tiles of the output (never along the inner
// dimension), so every output element comes from one GEMM call whatever the thread count.
// Tiles are column blocks first (each call then packs only its slice of the weights), and row
// blocks too when there are few columns.
#include "cnnlab/kernels/dense.hpp"

#include <algorithm>

#include "bias.hpp"
#include "cnnlab/kernels/gemm.hpp"
#include "cnnlab/parallel.hpp"

namespace cnnlab {

namespace {
// Below this many multiply-adds a tile is not worth a task.
constexpr int64_t kMinTileWork = 1 << 18;
constexpr int64_t kMaxTiles = 16;
constexpr int64_t kColumnAlignment = 16;  // one AVX-512 register of floats

int64_t ceil_div(int64_t a, int64_t b) { return (a + b - 1) / b; }

// A rows x cols output, each element a dot product of length `depth`.
struct Tiling {
  int64_t row_block, col_block, col_blocks, tiles;

  Tiling(int64_t rows, int64_t cols, int64_t depth) {
    const int64_t target = std::clamp<int64_t>(rows * cols * depth / kMinTileWork, 1, kMaxTiles);
    const int64_t wanted_col_blocks =
        std::min(target, std::max<int64_t>(1, ceil_div(cols, kColumnAlignment)));
    col_block = std::max<int64_t>(
        1, ceil_div(ceil_div(cols, wanted_col_blocks), kColumnAlignment) * kColumnAlignment);
    col_blocks = std::max<int64_t>(1, ceil_div(cols, col_block));
    const int64_t row_blocks =
        std::clamp<int64_t>(ceil_div(target, col_blocks), 1, std::max<int64_t>(rows, 1));
    row_block = std::max<int64_t>(1, ceil_div(rows, row_blocks));
    tiles = ceil_div(std::max<int64_t>(rows, 1), row_block) * col_blocks;
  }

  // Calls fn(r0, r1, c0, c1) for every tile of a rows x cols output, in parallel.
  template <typename Fn>
  void for_each(int64_t rows, int64_t cols, Fn fn) const {
    parallel_for(0, tiles, 1, [&](int64_t t0, int64_t t1) {
      for (int64_t t = t0; t < t1; ++t) {
        const int64_t r0 = (t / col_blocks) * row_block, c0 = (t % col_blocks) * col_block;
        fn(r0, std::min(rows, r0 + row_block), c0, std::min(cols, c0 + col_block));
      }
    });
  }
};
}  // namespace

void dense_forward(const DenseShape& s, const float* x, const float* w, const float* bias,
                   Activation f, float* y) {
  Tiling(s.rows, s.out, s.in)
      .for_each(s.rows, s.out, [&](int64_t r0, int64_t r1, int64_t c0, int64_t c1) {
        sgemm(false, false, r1 - r0, c1 - c0, s.in, 1.0f, x + r0 * s.in, s.in, w + c0, s.out, 0.0f,
              y + r0 * s.out + c0, s.out);
        if (bias) kernels_detail::add_bias(r1 - r0, c1 - c0, s.out, bias + c0, y + r0 * s.out + c0);
      });
  // Softmax needs whole rows, so the activation runs once all tiles are done.
  activation_forward(f, s.rows, s.out, y, y);
}

void dense_backward_data(const DenseShape& s, const float* dy, const float* w, float* dx) {
  Tiling(s.rows, s.in, s.out)
      .for_each(s.rows, s.in, [&](int64_t r0, int64_t r1, int64_t c0, int64_t c1) {
        sgemm(false, true, r1 - r0, c1 - c0, s.out, 1.0f, dy + r0 * s.out, s.out, w + c0 * s.out,
              s.out, 0.0f, dx + r0 * s.in + c0, s.in);
      });
}

void dense_backward_weights(const DenseShape& s, const float* x, const float* dy, float* dw,
                            float* dbias) {
  // dw = x^T dy: its rows are the columns of x.
  Tiling(s.in, s.out, s.rows)
      .for_each(s.in, s.out, [&](int64_t r0, int64_t r1, int64_t c0, int64_t c1) {
        sgemm(true, false, r1 - r0, c1 - c0, s.rows, 1.0f, x + r0, s.in, dy + c0, s.out, 0.0f,
              dw + r0 * s.out + c0, s.out);
      });
  if (!dbias) return;
  parallel_for(0, s.out, 1024, [&](int64_t c0, int64_t c1) {
    std::fill(dbias + c0, dbias + c1, 0.0f);
    kernels_detail::add_column_sums(s.rows, c1 - c0, s.out, dy + c0, dbias + c0);
  });
}

}  // namespace cnnlab
