// `cnnlab summary` run as a user runs it: output, variants, errors and exit codes; and the
// lecture's four models with the built-in layer plugins.
#include <catch2/catch.hpp>

#include "test_support.hpp"

using cnnlab::test::read_file;
using cnnlab::test::run_cnnlab;
using cnnlab::test::TempDir;
using cnnlab::test::write_file;

namespace {

const std::string kProbeNet =
    "name: probe-net\n"
    "seed: 9\n"
    "params: {bn: false}\n"
    "dataset: {type: probe_data, shape: [12, 12, 3], limit_train: 100}\n"
    "model:\n"
    "  layers:\n"
    "    - {type: probe, base: conv2d, class: Conv2D, output: [12, 12, 4], trainable: 112}\n"
    "    - {type: probe, base: batch_normalization, class: BatchNormalization,\n"
    "       trainable: 8, frozen: 8, when: bn}\n"
    "    - {type: probe, base: dense, class: Dense, output: [10], trainable: 5770}\n"
    "training:\n"
    "  epochs: 2\n"
    "  batch_size: 16\n"
    "  optimizer: {type: sgd, learning_rate: 0.1}\n"
    "  validation_split: 0.1\n"
    "  early_stopping: {patience: 2, restore_best_weights: true}\n";

cnnlab::test::ProcessResult summary(const std::vector<std::string>& args) {
  std::vector<std::string> all = {"summary", "--plugins", PROBE_PLUGIN_DIR};
  all.insert(all.end(), args.begin(), args.end());
  return run_cnnlab(all);
}

// A tiny IDX dataset (MNIST's file format): `count` black images of 28x28 and their labels.
void write_idx(const std::string& dir, const std::string& prefix, uint8_t count) {
  const std::string image_header = {0, 0, 8, 3,  0, 0, 0, static_cast<char>(count),
                                    0, 0, 0, 28, 0, 0, 0, 28};
  write_file(dir + "/" + prefix + "-images-idx3-ubyte",
             image_header + std::string(size_t{count} * 28 * 28, '\0'));
  const std::string label_header = {0, 0, 8, 1, 0, 0, 0, static_cast<char>(count)};
  write_file(dir + "/" + prefix + "-labels-idx1-ubyte", label_header + std::string(count, '\1'));
}

std::string total_line(const std::string& file) {
  const auto result = run_cnnlab({"summary", std::string(CNNLAB_SOURCE_DIR) + "/" + file});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const size_t at = result.out.find("Total params: ");
  REQUIRE(at != std::string::npos);
  return result.out.substr(at, result.out.find("\n_", at) - at);
}

}  // namespace

TEST_CASE("summary prints the Keras table and what run would do") {
  TempDir dir;
  const std::string file = dir.file("probe.yaml");
  write_file(file, kProbeNet);
  const auto result = summary({file});
  INFO(result.err);
  CHECK(result.exit_code == 0);
  const std::string expected_tail =
      "Model: \"sequential\"\n"
      "_________________________________________________________________\n"
      " Layer (type)                Output Shape              Param #   \n"
      "=================================================================\n"
      " conv2d (Conv2D)             (None, 12, 12, 4)         112       \n"
      "                                                                 \n"
      " dense (Dense)               (None, 10)                5770      \n"
      "                                                                 \n"
      "=================================================================\n"
      "Total params: 5,882\n"
      "Trainable params: 5,882\n"
      "Non-trainable params: 0\n"
      "_________________________________________________________________\n"
      "\n"
      "Would run:\n"
      "  dataset         probe_data {shape: [12, 12, 3]}, first 100 training\n"
      "  training        2 epochs, batch 16, sgd {learning_rate: 0.1}, "
      "categorical_crossentropy, shuffled\n"
      "  validation      hold out 10% of the training split\n"
      "  early stopping  monitor val_loss, patience 2, min_delta 0, mode auto, "
      "restore best weights\n"
      "  seed            9\n";
  CHECK(result.out == "Experiment \"probe-net\" (" + file + ")\n" + expected_tail);
}

TEST_CASE("summary shows the first variant, lists them all, and --variant picks one") {
  TempDir dir;
  const std::string file = dir.file("probe.yaml");
  write_file(file, kProbeNet + "cross_validation: {folds: 3}\ngrid: {bn: [false, true]}\n");

  const auto first = summary({file});
  INFO(first.err);
  REQUIRE(first.exit_code == 0);
  CHECK(first.out.rfind("Experiment \"probe-net\" (" + file + "), variant \"bn=false\"\n", 0) == 0);
  CHECK(first.out.find("batch_normalization") == std::string::npos);
  CHECK(first.out.find("  validation      3-fold cross-validation, stratified, shuffled\n") !=
        std::string::npos);
  CHECK(first.out.find("  variants        2: bn=false, bn=true\n"
                       "  (shown: 'bn=false'; pick another with --variant NAME)\n") !=
        std::string::npos);

  const auto second = summary({file, "--variant", "bn=true"});
  REQUIRE(second.exit_code == 0);
  CHECK(second.out.find(" batch_normalization (BatchN  (None, 12, 12, 4)        16        \n"
                        " ormalization)                                                   \n") !=
        std::string::npos);
  CHECK(second.out.find("Non-trainable params: 8\n") != std::string::npos);

  const auto unknown = summary({file, "--variant", "bn=tru"});
  CHECK(unknown.exit_code == 2);
  CHECK(unknown.err ==
        "cnnlab: error: unknown variant 'bn=tru' (did you mean 'bn=true'?); "
        "variants: bn=false, bn=true\n");
}

TEST_CASE("summary applies --set") {
  TempDir dir;
  const std::string file = dir.file("probe.yaml");
  write_file(file, kProbeNet);
  const auto result = summary({file, "--set", "bn=true", "--set", "training.epochs=7"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find("batch_normalization (BatchN") != std::string::npos);
  CHECK(result.out.find("  training        7 epochs,") != std::string::npos);
}

TEST_CASE("configuration errors exit with 2 and one located line on stderr") {
  TempDir dir;
  const std::string file = dir.file("bad.yaml");
  write_file(file, kProbeNet + "  epoch: 3\n");
  const auto result = summary({file});
  CHECK(result.exit_code == 2);
  CHECK(result.out.empty());
  CHECK(result.err == "cnnlab: error: " + file +
                          ":17:3: unknown key 'epoch' for training (did you mean 'epochs'?)\n");

  write_file(file, kProbeNet);
  const auto shape =
      summary({file, "--set", "model.input_shape=[3]", "--set", "model.layers.0.rank=3"});
  CHECK(shape.exit_code == 2);
  CHECK(shape.err == "cnnlab: error: " + file +
                         ":7:7: layer 1 'conv2d' (Conv2D): expects 3 axes, got (None, 3)\n");
}

TEST_CASE("summary has the optimizer's plugin check its settings") {
  TempDir dir;
  const std::string file = dir.file("probe.yaml");
  write_file(file, kProbeNet);
  const auto typo = summary({file, "--set", "training.optimizer.type=sgdd"});
  CHECK(typo.exit_code == 2);
  CHECK(typo.err ==
        "cnnlab: error: --set training.optimizer.type=sgdd: unknown optimizer type "
        "'sgdd' (did you mean 'sgd'?); known types: adam, rmsprop, sgd\n");
  const auto key = summary({file, "--set", "training.optimizer.momentm=0.9"});
  CHECK(key.exit_code == 2);
  CHECK(key.err ==
        "cnnlab: error: --set training.optimizer.momentm=0.9: unknown key 'momentm' "
        "for optimizer 'sgd' (did you mean 'momentum'?)\n");
}

TEST_CASE("usage errors exit with 2; --help exits with 0") {
  CHECK(summary({}).exit_code == 2);
  const auto missing = summary({"/nonexistent/exp.yaml"});
  CHECK(missing.exit_code == 2);
  CHECK(missing.err ==
        "cnnlab: error: cannot read experiment file '/nonexistent/exp.yaml': no such file\n");
  const auto help = summary({"--help"});
  CHECK(help.exit_code == 0);
  CHECK(help.out.find("usage: cnnlab summary FILE") == 0);
  CHECK(help.out.find("--variant") != std::string::npos);
}

TEST_CASE("the lecture's models have the lecture's parameter totals") {
  CHECK(total_line("experiments/seed/mnist_1ch.yaml") ==
        "Total params: 60,062\nTrainable params: 60,062\nNon-trainable params: 0");
  CHECK(total_line("experiments/seed/mnist_32_64.yaml") ==
        "Total params: 3,199,106\nTrainable params: 3,199,106\nNon-trainable params: 0");
  CHECK(total_line("experiments/seed/cifar10_3conv.yaml") ==
        "Total params: 145,578\nTrainable params: 145,578\nNon-trainable params: 0");
  CHECK(total_line("experiments/seed/cifar10_bn_dropout.yaml") ==
        "Total params: 146,346\nTrainable params: 145,962\nNon-trainable params: 384");
}

TEST_CASE("without model.input_shape, summary asks the dataset (the quick start)") {
  TempDir data;
  write_idx(data.path(), "train", 3);
  write_idx(data.path(), "t10k", 2);
  const std::string quickstart = std::string(CNNLAB_SOURCE_DIR) + "/experiments/quickstart.yaml";
  const auto result = run_cnnlab({"summary", quickstart, "--set", "dataset.path=" + data.path()});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  CHECK(result.out.find(" conv2d (Conv2D)             (None, 28, 28, 16)        416       \n") !=
        std::string::npos);
  CHECK(result.out.find("Total params: 215,370\n") != std::string::npos);

  const auto missing =
      run_cnnlab({"summary", quickstart, "--set", "dataset.path=" + data.file("none")});
  CHECK(missing.exit_code == 1);
  CHECK(missing.err.find(
            "cnnlab: error: " + quickstart +
            ":11:3: model.input_shape is not given and the dataset cannot tell it: ") == 0);
}

TEST_CASE("the 32/64 MNIST model's table matches Keras line for line") {
  const auto result = run_cnnlab(
      {"summary", std::string(CNNLAB_SOURCE_DIR) + "/experiments/seed/mnist_32_64.yaml"});
  INFO(result.err);
  REQUIRE(result.exit_code == 0);
  const size_t start = result.out.find("Model:");
  const size_t end = result.out.find("\n\nWould run:");
  REQUIRE(end != std::string::npos);
  CHECK(result.out.substr(start, end + 1 - start) ==
        "Model: \"sequential\"\n"
        "_________________________________________________________________\n"
        " Layer (type)                Output Shape              Param #   \n"
        "=================================================================\n"
        " conv2d (Conv2D)             (None, 28, 28, 32)        832       \n"
        "                                                                 \n"
        " max_pooling2d (MaxPooling2D  (None, 14, 14, 32)       0         \n"
        " )                                                               \n"
        "                                                                 \n"
        " conv2d_1 (Conv2D)           (None, 14, 14, 64)        51264     \n"
        "                                                                 \n"
        " max_pooling2d_1 (MaxPooling  (None, 7, 7, 64)         0         \n"
        " 2D)                                                             \n"
        "                                                                 \n"
        " flatten (Flatten)           (None, 3136)              0         \n"
        "                                                                 \n"
        " dense (Dense)               (None, 1000)              3137000   \n"
        "                                                                 \n"
        " dense_1 (Dense)             (None, 10)                10010     \n"
        "                                                                 \n"
        "=================================================================\n"
        "Total params: 3,199,106\n"
        "Trainable params: 3,199,106\n"
        "Non-trainable params: 0\n"
        "_________________________________________________________________\n");
}

TEST_CASE("summary shows the schedule, the plateau rule and the regularisation") {
  TempDir dir;
  const std::string file = dir.file("probe.yaml");
  std::string text = kProbeNet;
  const std::string optimizer = "optimizer: {type: sgd, learning_rate: 0.1}";
  REQUIRE(text.find(optimizer) != std::string::npos);
  text.replace(text.find(optimizer), optimizer.size(),
               "optimizer: {type: sgd, learning_rate: 0.1, weight_decay: 0.01, clipnorm: 1.5}\n"
               "  lr_schedule: {type: step, step_size: 3, gamma: 0.5}\n"
               "  label_smoothing: 0.1\n"
               "  precise_bn: {batches: 4}");
  write_file(file, text);
  const auto scheduled = summary({file});
  INFO(scheduled.err);
  REQUIRE(scheduled.exit_code == 0);
  CHECK_THAT(scheduled.out, Catch::Contains("  lr schedule     step: x0.5 every 3 epochs\n"));
  CHECK_THAT(scheduled.out,
             Catch::Contains("  regularisation  weight decay 0.01 (decoupled), clipnorm 1.5, "
                             "label smoothing 0.1, precise batchnorm over 4 batches\n"));
  CHECK_THAT(scheduled.out, Catch::Contains("sgd {learning_rate: 0.1}, categorical"));

  std::string plateau_text = kProbeNet;
  plateau_text.replace(plateau_text.find(optimizer), optimizer.size(),
                       optimizer + "\n  reduce_lr_on_plateau: {patience: 2}");
  write_file(file, plateau_text);
  const auto plateau = summary({file});
  INFO(plateau.err);
  REQUIRE(plateau.exit_code == 0);
  CHECK_THAT(plateau.out, Catch::Contains("  lr on plateau   monitor val_loss, factor 0.1, "
                                          "patience 2, min_delta 0.0001, cooldown 0, min_lr 0\n"));
  CHECK(plateau.out.find("lr schedule") == std::string::npos);
}
