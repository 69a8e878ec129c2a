"""The cases of the parity suite: every built-in layer type and option, every optimizer
variant, the lecture's four models. Each case is an experiment cnnlab builds (parity_dump)
and PyTorch rebuilds (torch_reference)."""
import glob
import json
import os

import yaml

ACTIVATIONS = ["relu", "sigmoid", "tanh", "softmax", "linear", "leaky_relu", "elu", "gelu",
               "swish"]
# Random in training (counter-based draws PyTorch cannot reproduce) and the identity or a centre
# crop at inference, which the ONNX test runs through OpenCV.
NOT_COMPARED = {"random_flip", "random_translation", "random_rotation", "random_zoom",
                "random_crop", "random_contrast", "random_brightness"}

HEAD = [{"type": "flatten"}, {"type": "dense", "units": 5, "activation": "softmax"}]


def case(name, input_shape, layers, optimizer=None, batch=6, steps=1):
    return {"name": name, "input_shape": input_shape, "layers": layers,
            "optimizer": optimizer or {"type": "sgd", "learning_rate": 0.1},
            "batch": batch, "steps": steps}


def layer_cases(activations=ACTIVATIONS):
    # Odd sides make Keras' `same` padding asymmetric; even kernels with strides > 1 are where
    # Keras' and PyTorch's `same` differ.
    conv = [
        {"type": "conv2d", "filters": 4, "kernel_size": 3, "padding": "same"},
        {"type": "conv2d", "filters": 3, "kernel_size": 2, "strides": 2, "padding": "same",
         "use_bias": False},
        {"type": "conv2d", "filters": 3, "kernel_size": [3, 2], "strides": [2, 1]},
        {"type": "conv2d", "filters": 2, "kernel_size": 4, "strides": 3, "padding": "same"},
    ]
    cases = [case("conv2d options", [11, 9, 2], conv + HEAD)]
    for f in activations:
        cases.append(case(f"conv2d and dense activation {f}", [7, 7, 2], [
            {"type": "conv2d", "filters": 3, "kernel_size": 3, "activation": f},
            {"type": "flatten"},
            {"type": "dense", "units": 6, "activation": f},
            {"type": "dense", "units": 4, "activation": "softmax", "use_bias": False}]))
        cases.append(case(f"activation layer {f}", [5, 6, 3], [
            {"type": "activation", "activation": f}, {"type": "flatten"},
            {"type": "activation", "activation": f}] + HEAD[1:]))
    cases.append(case("pooling options", [13, 11, 2], [
        {"type": "conv2d", "filters": 3, "kernel_size": 1},
        {"type": "maxpool2d", "pool_size": 2, "strides": 1, "padding": "same"},
        {"type": "avgpool2d", "pool_size": 3, "strides": 2, "padding": "same"},
        {"type": "maxpool2d", "pool_size": [3, 2], "strides": [1, 2]},
        {"type": "avgpool2d", "pool_size": 2}] + HEAD))
    cases.append(case("depthwise_conv2d options, global pooling", [9, 8, 2], [
        {"type": "depthwise_conv2d", "kernel_size": 3, "padding": "same", "depth_multiplier": 2},
        {"type": "depthwise_conv2d", "kernel_size": 2, "strides": 2, "padding": "same",
         "activation": "tanh", "use_bias": False},
        {"type": "globalavgpool2d"}] + HEAD[1:]))
    cases.append(case("globalmaxpool2d", [5, 4, 3], [
        {"type": "depthwise_conv2d", "kernel_size": [3, 2], "strides": [2, 1]},
        {"type": "globalmaxpool2d"}] + HEAD[1:]))
    cases.append(case("batchnorm image and flat, dropout rate 0", [6, 5, 3], [
        {"type": "batchnorm"},
        {"type": "conv2d", "filters": 4, "kernel_size": 3, "activation": "relu"},
        {"type": "batchnorm", "momentum": 0.9, "epsilon": 0.01},
        {"type": "dropout", "rate": 0.0},
        {"type": "flatten"},
        # relu: without it the next batchnorm would cancel this bias and the one before, whose
        # gradients would be zero up to rounding.
        {"type": "dense", "units": 7, "activation": "relu"},
        {"type": "batchnorm", "momentum": 0.5},
        {"type": "dense", "units": 3, "activation": "softmax"}], batch=8))
    return cases


OPTIMIZERS = [
    {"type": "sgd", "learning_rate": 0.05},
    {"type": "sgd", "learning_rate": 0.05, "momentum": 0.9},
    {"type": "sgd", "learning_rate": 0.05, "momentum": 0.9, "nesterov": True},
    {"type": "adam"},
    {"type": "adam", "learning_rate": 0.01, "beta_1": 0.8, "beta_2": 0.99, "epsilon": 1e-4},
    {"type": "rmsprop", "epsilon": 1e-30},
    {"type": "rmsprop", "epsilon": 1e-30, "centered": True},
    {"type": "rmsprop", "epsilon": 1e-30, "momentum": 0.9},
    {"type": "rmsprop", "epsilon": 1e-30, "centered": True, "momentum": 0.9, "rho": 0.8},
    # Keras' defaults, epsilon 1e-7 inside the square root: against Keras' formula in torch.
    {"type": "rmsprop"},
    {"type": "rmsprop", "centered": True, "momentum": 0.5},
]


def optimizer_cases():
    layers = [{"type": "conv2d", "filters": 3, "kernel_size": 3, "activation": "relu"},
              {"type": "batchnorm"}] + HEAD
    # Three steps: momentum, Adam's moments and RMSprop's averages carry state between them.
    return [case("optimizer " + yaml.safe_dump(o, default_flow_style=True).strip(), [6, 6, 2],
                 layers, optimizer=o, steps=3) for o in OPTIMIZERS]


def lecture_cases(source_dir):
    cases = []
    for path in sorted(glob.glob(os.path.join(source_dir, "experiments", "seed", "*.yaml"))):
        with open(path) as f:
            spec = yaml.safe_load(f)
        layers = [dict(layer) for layer in spec["model"]["layers"]]
        for layer in layers:
            if layer["type"] == "dropout":
                layer["rate"] = 0.0  # masks cannot be shared; inference form is checked by ONNX
        cases.append(case("lecture " + os.path.basename(path), spec["model"]["input_shape"],
                          layers, optimizer=spec["training"]["optimizer"], batch=4, steps=2))
    return cases


def uncovered_types(cases, known_types):
    """Built-in layer types that no case uses and that are not excused."""
    used = {layer["type"] for c in cases for layer in c["layers"]}
    return sorted(set(known_types) - used - NOT_COMPARED)


def experiment_text(c):
    """The case as an experiment file (JSON is YAML)."""
    return json.dumps({
        "name": "parity", "seed": 7, "dataset": {"type": "idx", "path": "."},
        "model": {"input_shape": c["input_shape"], "layers": c["layers"]},
        "training": {"epochs": 1, "batch_size": c["batch"], "optimizer": c["optimizer"]}})
