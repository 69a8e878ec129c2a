#include <cstring>

#include "../util/byte_io.hpp"
#include "cnnlab/error.hpp"
#include "cnnlab/host/checkpoint.hpp"

namespace cnnlab {

namespace {

constexpr char kMagic[8] = {'C', 'N', 'N', 'L', 'A', 'B', 'C', 'K'};
// Version 2 added the learning rate, ReduceLROnPlateau's state and each epoch's rate.
constexpr uint32_t kVersion = 2;
// A checkpoint holds a model, its optimizer moments and a best-weights copy: a few times the
// weights. Anything bigger than this is not one of ours.
constexpr uint64_t kMaxBytes = uint64_t{1} << 36;

void put_tensor(bytes::Writer& w, const Tensor& t) {
  w.u64(t.rank());
  for (int64_t d : t.dims()) w.i64(d);
  w.floats(t.data(), t.size());
}

Tensor get_tensor(bytes::Reader& r) {
  std::vector<int64_t> dims(r.count(8));
  uint64_t elements = 1;
  for (int64_t& d : dims) {
    d = r.i64();
    if (d < 0 || (d > 0 && elements > kMaxBytes / static_cast<uint64_t>(d)))
      r.fail("corrupted tensor dims");
    elements *= static_cast<uint64_t>(d);
  }
  r.need_floats(elements);  // before the tensor is allocated
  Tensor t(dims);
  r.floats(t.data(), elements);
  return t;
}

void put_tensors(bytes::Writer& w, const std::vector<Tensor>& tensors) {
  w.u64(tensors.size());
  for (const Tensor& t : tensors) put_tensor(w, t);
}

std::vector<Tensor> get_tensors(bytes::Reader& r) {
  std::vector<Tensor> out(r.count(8));
  for (Tensor& t : out) t = get_tensor(r);
  return out;
}

void put_optional(bytes::Writer& w, const std::optional<double>& v) {
  w.u32(v ? 1 : 0);
  w.f64(v.value_or(0.0));
}

std::optional<double> get_optional(bytes::Reader& r) {
  const bool present = r.u32() != 0;
  const double v = r.f64();
  return present ? std::optional<double>(v) : std::nullopt;
}

}  // namespace

void write_checkpoint(const std::string& path, const TrainingCheckpoint& c) {
  bytes::Writer w;
  w.raw(kMagic, sizeof kMagic);
  w.u32(kVersion);
  w.str(c.owner);
  w.i64(c.epoch);
  put_tensors(w, c.parameters);
  put_tensors(w, c.optimizer.tensors);
  w.u64(c.optimizer.scalars.size());
  for (double v : c.optimizer.scalars) w.f64(v);
  w.u32(c.early_stopping ? 1 : 0);
  const EarlyStoppingState es = c.early_stopping.value_or(EarlyStoppingState{});
  w.f64(es.best);
  w.i64(es.wait);
  w.i64(es.best_epoch);
  w.i64(es.stopped_epoch);
  w.u32(es.have_best_weights ? 1 : 0);
  put_tensors(w, c.best_parameters);
  w.f64(c.learning_rate);
  w.u32(c.reduce_lr_on_plateau ? 1 : 0);
  const ReduceLrOnPlateauState plateau = c.reduce_lr_on_plateau.value_or(ReduceLrOnPlateauState{});
  w.f64(plateau.best);
  w.i64(plateau.wait);
  w.i64(plateau.cooldown_counter);
  w.u64(c.history.size());
  for (const EpochMetrics& m : c.history) {
    w.i64(m.epoch);
    w.f64(m.loss);
    w.f64(m.accuracy);
    put_optional(w, m.val_loss);
    put_optional(w, m.val_accuracy);
    w.f64(m.seconds);
    w.f64(m.learning_rate);
  }
  w.seal();
  bytes::write_file_atomically(path, w.buffer(), "checkpoint");
}

TrainingCheckpoint read_checkpoint(const std::string& path) {
  const std::string data = bytes::read_whole_file(path, kMaxBytes);
  if (data.size() < sizeof kMagic || std::memcmp(data.data(), kMagic, sizeof kMagic) != 0)
    throw DataError(path + ": not a cnnlab checkpoint");
  bytes::Reader r(data, path + ": damaged checkpoint");
  char magic[sizeof kMagic];
  r.raw(magic, sizeof magic);
  const uint32_t version = r.u32();
  if (version != kVersion)
    throw DataError(path + ": checkpoint format version " + std::to_string(version) +
                    ", this cnnlab reads version " + std::to_string(kVersion));
  TrainingCheckpoint c;
  c.owner = r.str();
  c.epoch = static_cast<int>(r.i64());
  c.parameters = get_tensors(r);
  c.optimizer.tensors = get_tensors(r);
  c.optimizer.scalars.resize(r.count(8));
  for (double& v : c.optimizer.scalars) v = r.f64();
  const bool has_early_stopping = r.u32() != 0;
  EarlyStoppingState es;
  es.best = r.f64();
  es.wait = static_cast<int>(r.i64());
  es.best_epoch = static_cast<int>(r.i64());
  es.stopped_epoch = static_cast<int>(r.i64());
  es.have_best_weights = r.u32() != 0;
  if (has_early_stopping) c.early_stopping = es;
  c.best_parameters = get_tensors(r);
  c.learning_rate = r.f64();
  const bool has_plateau = r.u32() != 0;
  ReduceLrOnPlateauState plateau;
  plateau.best = r.f64();
  plateau.wait = static_cast<int>(r.i64());
  plateau.cooldown_counter = static_cast<int>(r.i64());
  if (has_plateau) c.reduce_lr_on_plateau = plateau;
  c.history.resize(r.count(8));
  for (EpochMetrics& m : c.history) {
    m.epoch = static_cast<int>(r.i64());
    m.loss = r.f64();
    m.accuracy = r.f64();
    m.val_loss = get_optional(r);
    m.val_accuracy = get_optional(r);
    m.seconds = r.f64();
    m.learning_rate = r.f64();
  }
  r.expect_end();
  if (c.epoch < 1 || c.history.size() != static_cast<size_t>(c.epoch))
    r.fail("its epoch count does not match its history");
  return c;
}

}  // namespace cnnlab
