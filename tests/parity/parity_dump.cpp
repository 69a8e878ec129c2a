// parity_dump: cnnlab's side of the PyTorch parity suite (parity_test.py). Not installed and
// not a user command: it writes what cnnlab computes so that Python can compute the same with
// PyTorch from the same weights and inputs.
//
//   parity_dump step CASE.yaml OUT [BATCH] [STEPS]
//     the model of the experiment file CASE.yaml (weights as initialised, biases and batchnorm
//     statistics perturbed), a random batch and labels; writes the initial parameters, the
//     inference probabilities, then for each of STEPS training steps the logits, loss,
//     gradient of every parameter and of the input, and every parameter after the
//     optimizer's step.
//   parity_dump types
//     the built-in layer types, one a line (the suite checks that each has a case).
//   parity_dump train CASE.yaml OUT IMAGES BATCH
//     one epoch of fit() on the first IMAGES training images of the dataset, unshuffled;
//     writes the initial and final parameters and the test accuracy.
//
// OUT.json lists every tensor (name, dims, offset in floats) of OUT.bin (float32, native
// little-endian) and the scalars.
#include <cstdio>
#include <fstream>
#include <iostream>
#include <numeric>
#include <sstream>

#include "cnnlab/host/experiment.hpp"
#include "cnnlab/host/loss.hpp"
#include "cnnlab/host/trainer.hpp"
#include "cnnlab/random.hpp"
#include "model_files.hpp"
#include "test_support.hpp"

using namespace cnnlab;

namespace {

class Dump {
 public:
  void add(const std::string& name, const Tensor& t) {
    manifest_ << (count_++ ? ",\n" : "") << "  {\"name\": \"" << name
              << "\", \"offset\": " << floats_ << ", \"dims\": [";
    for (size_t i = 0; i < t.rank(); ++i) manifest_ << (i ? ", " : "") << t.dim(i);
    manifest_ << "]}";
    data_.write(reinterpret_cast<const char*>(t.data()),
                static_cast<std::streamsize>(t.size() * sizeof(float)));
    floats_ += t.size();
  }
  void scalar(const std::string& name, double value) {
    char text[64];
    std::snprintf(text, sizeof text, "%.17g", value);
    scalars_ << (scalars_.tellp() ? ", " : "") << "\"" << name << "\": " << text;
  }
  void layer(const std::string& name, const std::string& type) {
    layers_ << (layers_.tellp() ? ", " : "") << "[\"" << name << "\", \"" << type << "\"]";
  }
  void write(const std::string& prefix) {
    std::ofstream(prefix + ".bin", std::ios::binary) << data_.str();
    std::ofstream(prefix + ".json") << "{\"tensors\": [\n"
                                    << manifest_.str() << "],\n\"scalars\": {" << scalars_.str()
                                    << "},\n\"layers\": [" << layers_.str() << "]}\n";
  }

 private:
  std::ostringstream manifest_, scalars_, layers_, data_;
  size_t count_ = 0, floats_ = 0;
};

void add_layers(Dump& dump, const Model& model) {
  for (const auto& entry : model.layers()) dump.layer(entry.name, entry.layer->type());
}

void add_parameters(Dump& dump, const std::string& prefix, Model& model, bool grads) {
  for (const auto& entry : model.layers())
    for (Parameter* p : entry.layer->parameters())
      if (!grads || p->trainable)
        dump.add(prefix + entry.name + "/" + p->name, grads ? p->grad : p->value);
}

// One training step by hand, layer by layer: unlike Model::backward it also asks the first
// layer for the gradient of the input.
double train_step(Model& model, const Tensor& x, const std::vector<int32_t>& labels, Dump& dump,
                  const std::string& prefix) {
  const auto& layers = model.layers();
  std::vector<Tensor> outputs(layers.size());
  StepContext ctx{true, 0};
  for (size_t i = 0; i < layers.size(); ++i)
    layers[i].layer->forward(i ? outputs[i - 1] : x, outputs[i], ctx);
  Tensor grad;
  const double loss = softmax_cross_entropy(outputs.back(), labels, &grad);
  for (size_t i = layers.size(); i-- > 0;) {
    Tensor grad_in;
    layers[i].layer->backward(i ? outputs[i - 1] : x, outputs[i], grad, &grad_in);
    grad = std::move(grad_in);
  }
  dump.add(prefix + "logits", outputs.back());
  dump.add(prefix + "grad_input", grad);
  dump.scalar(prefix + "loss", loss);
  return loss;
}

Tensor random_input(int64_t n, const Shape& sample, Rng& rng) {
  std::vector<int64_t> dims{n};
  dims.insert(dims.end(), sample.begin(), sample.end());
  Tensor x(dims);
  for (size_t i = 0; i < x.size(); ++i) x[i] = static_cast<float>(rng.uniform());
  return x;
}

struct Case {
  ExperimentSpec spec;
  Model model;
};

Case load_case(const std::string& path) {
  const ResolvedVariant variant = expand_variants(load_experiment(path)).front();
  const Shape input = resolve_input_shape(variant.spec, test::plugin_host());
  Model model = build_model(variant.spec, test::plugin_host(), input);
  return {variant.spec, std::move(model)};
}

void dump_steps(const std::string& path, const std::string& out, int64_t batch, int steps) {
  Case c = load_case(path);
  test::perturb_parameters(c.model, c.spec.seed);
  Rng rng(c.spec.seed + 1);
  const Tensor x = random_input(batch, c.model.input_shape(), rng);
  std::vector<int32_t> labels(static_cast<size_t>(batch));
  Tensor label_values({batch});
  const int64_t classes = c.model.output_shape().back();
  for (int64_t i = 0; i < batch; ++i)
    label_values[i] = static_cast<float>(labels[i] = static_cast<int32_t>(rng.below(classes)));
  Dump dump;
  add_layers(dump, c.model);
  dump.add("x", x);
  dump.add("labels", label_values);
  add_parameters(dump, "init/", c.model, false);
  Tensor proba;
  c.model.predict_proba(x, proba);
  dump.add("inference_proba", proba);
  if (!c.model.defer_final_softmax()) throw Error(path + ": the last layer must end in softmax");
  auto optimizer = make_optimizer_for(c.spec, test::plugin_host());
  optimizer->attach(c.model.trainable_parameters());
  for (int s = 1; s <= steps; ++s) {
    const std::string prefix = "step" + std::to_string(s) + "/";
    train_step(c.model, x, labels, dump, prefix);
    add_parameters(dump, prefix + "grad/", c.model, true);
    optimizer->step();
    add_parameters(dump, prefix + "after/", c.model, false);
  }
  dump.write(out);
}

void dump_training(const std::string& path, const std::string& out, size_t images, int batch) {
  Case c = load_case(path);
  auto dataset = make_dataset_for(c.spec, test::plugin_host());
  const ImageSet train = dataset->load_train();
  const ImageSet test = dataset->load_test();
  IndexList first(std::min(images, train.size()));
  std::iota(first.begin(), first.end(), size_t{0});
  Dump dump;
  add_layers(dump, c.model);
  add_parameters(dump, "init/", c.model, false);
  auto optimizer = make_optimizer_for(c.spec, test::plugin_host());
  FitOptions options;
  options.epochs = 1;
  options.batch_size = batch;
  options.shuffle = false;  // PyTorch takes the same batches in the same order
  options.scale = dataset->info().scale;
  const FitResult result = fit(c.model, *optimizer, samples_of(train, first), {}, options);
  dump.scalar("train_loss", result.history.back().loss);
  add_parameters(dump, "final/", c.model, false);
  const Evaluation e = evaluate(c.model, all_samples(test), 500, options.scale);
  dump.scalar("test_accuracy", e.accuracy);
  dump.scalar("test_loss", e.loss);
  dump.write(out);
}

}  // namespace

int main(int argc, char** argv) {
  const std::vector<std::string> args(argv + 1, argv + argc);
  try {
    if (args.size() >= 3 && args[0] == "step") {
      dump_steps(args[1], args[2], args.size() > 3 ? std::stoll(args[3]) : 4,
                 args.size() > 4 ? std::stoi(args[4]) : 2);
      return 0;
    }
    if (args.size() == 1 && args[0] == "types") {
      for (const std::string& type : test::plugin_host().layer_types()) std::cout << type << "\n";
      return 0;
    }
    if (args.size() == 5 && args[0] == "train") {
      dump_training(args[1], args[2], std::stoul(args[3]), std::stoi(args[4]));
      return 0;
    }
    std::cerr << "usage: parity_dump step CASE.yaml OUT [BATCH] [STEPS]\n"
                 "       parity_dump types\n"
                 "       parity_dump train CASE.yaml OUT IMAGES BATCH\n";
    return 2;
  } catch (const std::exception& e) {
    std::cerr << "parity_dump: error: " << e.what() << "\n";
    return 1;
  }
}
