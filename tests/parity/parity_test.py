#!/usr/bin/env python3
"""The PyTorch parity suite (docs/CORRECTNESS.md): cnnlab's forward pass, loss, gradients of
every parameter and of the input, batchnorm statistics and optimizer steps against PyTorch on
the same weights and batch; and one epoch of training on 2,000 Fashion-MNIST images.

usage: parity_test.py --dump PATH/parity_dump --source CNNLAB_SOURCE_DIR {steps|training}

Exit 0 when every difference is within its tolerance, 1 otherwise, 77 (skipped) when
PyTorch is not installed.
"""
import argparse
import gzip
import json
import os
import subprocess
import sys
import tempfile

# OpenBLAS misdetects some Intel CPUs and falls back to slow kernels (PLATFORM-NOTES); it reads
# this before torch loads it.
with open("/proc/cpuinfo") as cpuinfo:
    if "GenuineIntel" in cpuinfo.read():
        os.environ.setdefault("OPENBLAS_CORETYPE", "SkylakeX")

try:
    import numpy as np
    import torch
    import torch.nn.functional as F
except ImportError as missing:
    print(f"skipped: {missing} (scripts/install-deps.sh --test installs python3-torch)")
    sys.exit(77)

import parity_cases
from torch_reference import Reference, make_optimizer

# Float32 against float32 summing in other orders: rounding alone stays below 1e-5 of a
# tensor's largest entry here; a wrong formula, layout or convention is off by percents.
TOLERANCES = {
    "inference probabilities": 1e-4,
    "logits": 1e-4,
    "loss": 1e-5,
    "parameter gradients": 1e-4,
    "input gradient": 1e-4,
    "batchnorm moving statistics": 1e-4,
    # Relative to the step's largest update, not to the weight: both sides round w - update
    # to float32, one ulp of a weight is up to ~1e-4 of a small SGD update.
    "optimizer steps": 1e-3,
    # Ten Adam steps from the same start in float32 on both sides: rounding differences grow
    # through the steps (Adam's m / sqrt(v) turns a tiny gradient's rounding into a full-size
    # step), yet stay far below what a wrong gradient or update would do.
    "trained weights": 1e-2,
    "training loss": 1e-4,
    "test accuracy": 0.005,  # absolute: half a point, the criterion
}
FASHION_MNIST = "/usr/share/datasets/fashion-mnist"


class Report:
    def __init__(self):
        self.worst = {}  # check -> (error, case, tensor)
        self.failures = []

    def compare(self, check, case, tensor, ours, theirs, scale=None):
        ours = np.asarray(ours, dtype=np.float64)
        theirs = np.asarray(theirs, dtype=np.float64)
        if ours.shape != theirs.shape:
            self.failures.append(f"{case}: {tensor}: shape {ours.shape} vs {theirs.shape}")
            return
        if scale is None:
            scale = np.max(np.abs(theirs)) if theirs.size else 0.0
        diff = np.max(np.abs(ours - theirs)) if ours.size else 0.0
        error = diff / scale if scale > 0 else diff
        if check not in self.worst or error > self.worst[check][0]:
            self.worst[check] = (error, case, tensor)
        if not error <= TOLERANCES[check]:
            self.failures.append(f"{case}: {tensor}: {check} differ by {error:.2e} "
                                 f"(tolerance {TOLERANCES[check]:.0e})")

    def print(self):
        print(f"{'check':30s} {'largest':>9s} {'tolerance':>9s}  where")
        for check, (error, case, tensor) in self.worst.items():
            print(f"{check:30s} {error:9.2e} {TOLERANCES[check]:9.0e}  {case}: {tensor}")
        for failure in self.failures:
            print("FAILED", failure)


def read_dump(prefix):
    with open(prefix + ".json") as f:
        meta = json.load(f)
    data = np.fromfile(prefix + ".bin", dtype="<f4")
    tensors = {}
    for t in meta["tensors"]:
        size = int(np.prod(t["dims"])) if t["dims"] else 1
        tensors[t["name"]] = data[t["offset"]:t["offset"] + size].reshape(t["dims"])
    return tensors, meta["scalars"], meta["layers"]


def with_prefix(tensors, prefix):
    return {k[len(prefix):]: v for k, v in tensors.items() if k.startswith(prefix)}


def run_dump(dump, args):
    subprocess.run([dump] + args, check=True)


def check_case(c, dump, workdir, report):
    path = os.path.join(workdir, "case.yaml")
    with open(path, "w") as f:
        f.write(parity_cases.experiment_text(c))
    prefix = os.path.join(workdir, "dump")
    run_dump(dump, ["step", path, prefix, str(c["batch"]), str(c["steps"])])
    t, scalars, layers = read_dump(prefix)
    init = with_prefix(t, "init/")
    # In float64, so the differences measured are cnnlab's float32 rounding, not the sum of
    # two float32 roundings.
    ref = Reference(layers, c["layers"], init, torch.float64)
    name = c["name"]

    x = torch.tensor(t["x"], dtype=torch.float64, requires_grad=True)
    labels = torch.tensor(t["labels"]).long()
    with torch.no_grad():
        proba = torch.softmax(ref.forward(x, training=False, logits=True), dim=1)
    report.compare("inference probabilities", name, "probabilities", t["inference_proba"], proba)

    stats_before = {k: v.clone() for k, v in ref.buffers.items()}
    logits = ref.forward(x, training=True, logits=True)
    loss = F.cross_entropy(logits, labels)
    loss.backward()
    report.compare("logits", name, "logits", t["step1/logits"], logits.detach())
    report.compare("loss", name, "loss", scalars["step1/loss"], loss.item())
    for pname, p in ref.params.items():
        report.compare("parameter gradients", name, pname, t["step1/grad/" + pname], p.grad)
    report.compare("input gradient", name, "input", t["step1/grad_input"], x.grad)
    for bname, value in ref.buffers.items():
        layer = bname.rsplit("/", 1)[0]
        if bname.endswith("moving_variance"):
            value = ref.keras_moving_variance(layer, stats_before[bname])
        report.compare("batchnorm moving statistics", name, bname, t["step1/after/" + bname],
                       value)

    # The optimizer alone: PyTorch's steps from cnnlab's own gradients, so a gradient's last
    # bits cannot flip Adam's or RMSprop's normalised update.
    leaves = {p: torch.tensor(init[p], requires_grad=True) for p in ref.params}
    optimizer, before_step = make_optimizer(c["optimizer"], list(leaves.values()))
    for step in range(1, c["steps"] + 1):
        for pname, leaf in leaves.items():
            leaf.grad = torch.tensor(t[f"step{step}/grad/{pname}"])
        before_step(step)
        previous = {p: leaf.detach().clone() for p, leaf in leaves.items()}
        optimizer.step()
        for pname, leaf in leaves.items():
            update = (leaf.detach() - previous[pname]).abs().max().item()
            report.compare("optimizer steps", name, f"step {step} {pname}",
                           t[f"step{step}/after/{pname}"], leaf.detach(), scale=update)


def read_idx(path):
    with gzip.open(path) as f:
        data = f.read()
    dims = int(data[3])
    shape = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(dims)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * dims).reshape(shape)


def fashion(split, count=None):
    images = read_idx(f"{FASHION_MNIST}/{split}-images-idx3-ubyte.gz")[:count]
    labels = read_idx(f"{FASHION_MNIST}/{split}-labels-idx1-ubyte.gz")[:count]
    return torch.tensor(images[..., None] / np.float32(255.0)), torch.tensor(labels).long()


def check_training(source, dump, workdir, report, images=2000):
    """The 32/64 model, one epoch on the first 2,000 training images in order, from the same
    initial weights; final weights and test accuracy."""
    experiment = os.path.join(source, "experiments", "seed", "mnist_32_64.yaml")
    with open(experiment) as f:
        spec = parity_cases.yaml.safe_load(f)
    batch = spec["training"]["batch_size"]
    prefix = os.path.join(workdir, "train")
    run_dump(dump, ["train", experiment, prefix, str(images), str(batch)])
    t, scalars, layers = read_dump(prefix)
    ref = Reference(layers, spec["model"]["layers"], with_prefix(t, "init/"))
    optimizer, before_step = make_optimizer(spec["training"]["optimizer"],
                                            list(ref.params.values()))
    x, y = fashion("train", images)
    losses = []
    for step, start in enumerate(range(0, images, batch), 1):
        optimizer.zero_grad()
        loss = F.cross_entropy(ref.forward(x[start:start + batch], True, True),
                               y[start:start + batch])
        loss.backward()
        before_step(step)
        optimizer.step()
        losses.append(loss.item() * len(y[start:start + batch]))
    final = with_prefix(t, "final/")
    for pname, p in ref.params.items():
        report.compare("trained weights", "1 epoch 2000 images", pname, final[pname], p.detach())
    x_test, y_test = fashion("t10k")
    with torch.no_grad():
        correct = sum((ref.forward(x_test[i:i + 500], False, False).argmax(1) ==
                       y_test[i:i + 500]).sum().item() for i in range(0, len(y_test), 500))
    accuracy = correct / len(y_test)
    report.compare("test accuracy", "1 epoch 2000 images", "accuracy",
                   scalars["test_accuracy"], accuracy, scale=1.0)
    report.compare("training loss", "1 epoch 2000 images", "mean loss",
                   scalars["train_loss"], sum(losses) / images)
    print(f"test accuracy: cnnlab {scalars['test_accuracy']:.4f}, PyTorch {accuracy:.4f}")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--dump", required=True)
    parser.add_argument("--source", required=True)
    parser.add_argument("suite", choices=["steps", "training"])
    args = parser.parse_args()
    torch.set_num_threads(2)
    report = Report()
    with tempfile.TemporaryDirectory() as workdir:
        if args.suite == "steps":
            cases = (parity_cases.layer_cases() + parity_cases.optimizer_cases() +
                     parity_cases.lecture_cases(args.source))
            types = subprocess.run([args.dump, "types"], check=True, capture_output=True,
                                   text=True).stdout.split()
            for missing in parity_cases.uncovered_types(cases, types):
                report.failures.append(f"built-in layer type {missing}: no parity case")
            for c in cases:
                check_case(c, args.dump, workdir, report)
            print(f"{len(cases)} cases")
        else:
            if not os.path.isdir(FASHION_MNIST):
                print(f"skipped: {FASHION_MNIST} is absent (apt-get install dataset-fashion-mnist)")
                return 77
            check_training(args.source, args.dump, workdir, report)
    report.print()
    return 1 if report.failures else 0


if __name__ == "__main__":
    sys.exit(main())
