// The training keys beyond Keras' fit(): schedules, ReduceLROnPlateau, weight decay and
// clipping, label smoothing, precise batchnorm, kernel regularizers; their defaults and their
// errors (one located line each).
#include <catch2/catch.hpp>

#include "experiment_fixture.hpp"

using namespace cnnlab;
using Catch::Matchers::Contains;
using cnnlab::test::build_error_of;
using cnnlab::test::error_of;
using cnnlab::test::kBase;
using cnnlab::test::parse;

TEST_CASE("the new training keys are off by default") {
  const auto t = parse(kBase).training;
  CHECK_FALSE(t.lr_schedule);
  CHECK_FALSE(t.reduce_lr_on_plateau);
  CHECK(t.weight_decay == 0.0);
  CHECK_FALSE(t.clipping.clipnorm);
  CHECK_FALSE(t.clipping.clipvalue);
  CHECK_FALSE(t.clipping.global_clipnorm);
  CHECK(t.label_smoothing == 0.0);
  CHECK(t.precise_bn_batches == 0);
  CHECK_FALSE(parse(kBase).model.layers[0].kernel_regularizer);
}

TEST_CASE("schedules are read with their defaults") {
  const auto cosine = parse(kBase + "training:\n  epochs: 12\n  lr_schedule: {type: cosine}\n");
  REQUIRE(cosine.training.lr_schedule);
  CHECK(cosine.training.lr_schedule->kind == LrScheduleKind::cosine);
  CHECK(cosine.training.lr_schedule->epochs == 12);
  CHECK(cosine.training.lr_schedule->warmup_epochs == 0);
  CHECK(cosine.training.lr_schedule->alpha == 0.0);
  const auto piecewise = parse(kBase +
                               "training:\n  lr_schedule: {type: piecewise, boundaries: [3, 6], "
                               "values: [0.1, 0.01, 0.001]}\n");
  CHECK(piecewise.training.lr_schedule->boundaries == std::vector<int>{3, 6});
  CHECK(piecewise.training.lr_schedule->values == std::vector<double>{0.1, 0.01, 0.001});
  const auto one_cycle = parse(kBase + "training:\n  lr_schedule: {type: one_cycle}\n");
  CHECK(one_cycle.training.lr_schedule->pct_start == 0.3);
  CHECK(one_cycle.training.lr_schedule->div_factor == 25.0);
  CHECK(one_cycle.training.lr_schedule->final_div_factor == 1e4);
  const auto step = parse(kBase + "training:\n  lr_schedule: {type: step}\n");
  CHECK(step.training.lr_schedule->step_size == 1);
  CHECK(step.training.lr_schedule->gamma == 0.1);
}

TEST_CASE("reduce_lr_on_plateau follows Keras' defaults") {
  const auto p = parse(kBase + "training:\n  validation_split: 0.2\n  reduce_lr_on_plateau: {}\n")
                     .training.reduce_lr_on_plateau;
  REQUIRE(p);
  CHECK(p->monitor == "val_loss");
  CHECK(p->factor == 0.1);
  CHECK(p->patience == 10);
  CHECK(p->min_delta == 1e-4);
  CHECK(p->cooldown == 0);
  CHECK(p->min_lr == 0.0);
}

TEST_CASE("weight decay and clipping leave the optimizer's own config") {
  const auto t =
      parse(kBase +
            "training:\n  optimizer: {type: sgd, learning_rate: 0.1, weight_decay: "
            "0.0005, clipnorm: 1.5}\n  label_smoothing: 0.1\n  precise_bn: {batches: 20}\n")
          .training;
  CHECK(t.weight_decay == 0.0005);
  CHECK(*t.clipping.clipnorm == 1.5);
  CHECK(t.optimizer.config.find("learning_rate"));
  CHECK_FALSE(t.optimizer.config.find("weight_decay"));
  CHECK_FALSE(t.optimizer.config.find("clipnorm"));
  CHECK(t.label_smoothing == 0.1);
  CHECK(t.precise_bn_batches == 20);
}

TEST_CASE("kernel_regularizer is read and kept from the layer's plugin") {
  const auto spec = parse(
      "name: t\ndataset: {type: probe_data, shape: [8, 8, 1]}\nmodel:\n  layers:\n"
      "    - {type: probe, trainable: 3, kernel_regularizer: {l2: 0.001}}\n"
      "    - {type: probe, trainable: 3, kernel_regularizer: l1}\n");
  const auto& layers = spec.model.layers;
  CHECK(layers[0].kernel_regularizer->l2 == 0.001);
  CHECK(layers[0].kernel_regularizer->l1 == 0.0);
  CHECK(layers[1].kernel_regularizer->l1 == 0.01);
  CHECK_FALSE(layers[0].config.find("kernel_regularizer"));
  CHECK(build_error_of("name: t\ndataset: {type: probe_data, shape: [8, 8, 1]}\nmodel:\n"
                       "  layers:\n    - {type: probe, kernel_regularizer: {l2: 0.1}}\n") ==
        "exp.yaml:5:7: layer 'probe' has no kernel for its kernel_regularizer to act on");
}

TEST_CASE("mistakes in the new keys are located one-line errors") {
  CHECK(error_of(kBase + "training:\n  lr_schedule: {type: cosin}\n") ==
        "exp.yaml:8:23: training.lr_schedule: 'type' must be one of step, piecewise, "
        "exponential, cosine, one_cycle, got 'cosin' (did you mean 'cosine'?)");
  CHECK_THAT(error_of(kBase + "training:\n  lr_schedule: {type: step, gama: 0.5}\n"),
             Contains("unknown key 'gama'") && Contains("did you mean 'gamma'?"));
  CHECK_THAT(error_of(kBase + "training:\n  lr_schedule: {type: step, gamma: -0.5}\n"),
             Contains("exp.yaml:8:36:") && Contains("must be a positive number, got -0.5"));
  CHECK_THAT(error_of(kBase + "training:\n  lr_schedule: {type: piecewise, boundaries: [3], "
                              "values: [0.1]}\n"),
             Contains("one rate more than 'boundaries'"));
  CHECK_THAT(error_of(kBase + "training:\n  lr_schedule: {type: piecewise, boundaries: [3], "
                              "values: [0.1, -1]}\n"),
             Contains("exp.yaml:8:65:") && Contains("positive numbers"));
  CHECK_THAT(error_of(kBase + "training:\n  epochs: 3\n  lr_schedule: {type: cosine, "
                              "warmup_epochs: 3}\n"),
             Contains("must be at most 2"));
  CHECK_THAT(error_of(kBase + "training:\n  loss: categorical_crossentropy\n"
                              "  reduce_lr_on_plateau: {monitor: loss, factor: 1.0}\n"),
             Contains("exp.yaml:9:49:") && Contains("must be in (0, 1)") && Contains("got 1.0"));
  CHECK_THAT(error_of(kBase + "training:\n  reduce_lr_on_plateau: {patience: 2}\n"),
             Contains("reduce_lr_on_plateau monitors 'val_loss' but there is no validation data"));
  CHECK_THAT(error_of(kBase + "training:\n  lr_schedule: {type: cosine}\n"
                              "  reduce_lr_on_plateau: {monitor: loss}\n"),
             Contains("both set the learning rate"));
  CHECK_THAT(error_of(kBase + "training:\n  optimizer: {type: adam, weight_decay: -1}\n"),
             Contains("exp.yaml:8:41:") && Contains("non-negative"));
  CHECK_THAT(error_of(kBase + "training:\n  optimizer: {type: adam, clipnorm: 1, clipvalue: 1}\n"),
             Contains("only one of clipnorm, clipvalue and global_clipnorm"));
  CHECK_THAT(error_of(kBase + "training:\n  label_smoothing: 1.0\n"), Contains("[0, 1)"));
  CHECK_THAT(error_of(kBase + "training:\n  precise_bn: {batches: 0}\n"),
             Contains("must be at least 1"));
  CHECK_THAT(error_of(kBase + "training:\n  precise_bn: {batch: 4}\n"),
             Contains("did you mean 'batches'?"));
  CHECK_THAT(error_of("name: t\ndataset: {type: probe_data, shape: [8, 8, 1]}\nmodel:\n  layers:\n"
                      "    - {type: probe, kernel_regularizer: {l3: 1}}\n"),
             Contains("unknown key 'l3'"));
}
