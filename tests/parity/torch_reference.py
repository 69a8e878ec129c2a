"""PyTorch's side of the parity suite: a cnnlab model rebuilt from torch.nn.functional
operations, with the Keras-vs-PyTorch conversions cnnlab's Keras conventions need.

Parameters are torch leaves in cnnlab's own layout (conv kernels HWIO, dense kernels
{in, out}, images NHWC) and are rearranged inside the graph, so gradients come out in
cnnlab's layout and compare element by element.
"""
import math

import torch
import torch.nn.functional as F

ACTIVATIONS = {
    "linear": lambda x: x,
    "relu": F.relu,
    "sigmoid": torch.sigmoid,
    "tanh": torch.tanh,
    "softmax": lambda x: torch.softmax(x, dim=1),  # channels: the last NHWC axis
    "leaky_relu": lambda x: F.leaky_relu(x, 0.2),  # Keras 3's default negative_slope
    "elu": F.elu,
    "gelu": F.gelu,  # exact (erf) form, Keras' approximate=False
    "swish": lambda x: x * torch.sigmoid(x),
}


def pair(value, default=None):
    if value is None:
        value = default
    return (value, value) if isinstance(value, int) else tuple(value)


def keras_pads(size, kernel, stride, padding):
    """Keras' padding of one axis as (before, after). `same` gives ceil(size / stride)
    outputs and puts the odd pixel after: PyTorch's padding='same' allows stride 1 only and
    pads symmetrically, so the reference pads explicitly."""
    if padding != "same":
        return 0, 0
    out = -(-size // stride)
    total = max((out - 1) * stride + kernel - size, 0)
    return total // 2, total - total // 2


def pad_image(x, kernel, strides, padding, value=0.0):
    top, bottom = keras_pads(x.shape[2], kernel[0], strides[0], padding)
    left, right = keras_pads(x.shape[3], kernel[1], strides[1], padding)
    return F.pad(x, (left, right, top, bottom), value=value)


class Reference:
    """The model of `layers` (cnnlab's [name, type] list) with `configs` (the case's layer
    entries, same order) and cnnlab's initial parameters `params` (name -> numpy array),
    computing in `dtype`."""

    def __init__(self, layers, configs, params, dtype=torch.float32):
        self.layers = layers
        self.configs = configs
        self.params = {}
        self.buffers = {}
        for name, value in params.items():
            tensor = torch.tensor(value, dtype=dtype)
            if name.endswith("/moving_mean") or name.endswith("/moving_variance"):
                self.buffers[name] = tensor
            else:
                self.params[name] = tensor.requires_grad_(True)
        self.batch_variance_counts = {}

    def forward(self, x_nhwc, training, logits):
        x = x_nhwc.permute(0, 3, 1, 2) if x_nhwc.dim() == 4 else x_nhwc
        last = len(self.layers) - 1
        for i, ((name, kind), cfg) in enumerate(zip(self.layers, self.configs)):
            if kind != cfg["type"]:
                raise ValueError(f"layer {name}: cnnlab says {kind}, the case {cfg['type']}")
            activation = cfg.get("activation", "linear")
            if logits and i == last:
                if activation != "softmax":
                    raise ValueError("the last layer must end in softmax")
                activation = "linear"  # cnnlab defers it into the fused loss
            x = getattr(self, "_" + kind)(x, name, cfg, training)
            if kind in ("conv2d", "depthwise_conv2d", "dense", "activation"):
                x = ACTIVATIONS[activation](x)
        return x.permute(0, 2, 3, 1) if x.dim() == 4 else x

    def _conv2d(self, x, name, cfg, training):
        kernel, strides = pair(cfg["kernel_size"]), pair(cfg.get("strides"), 1)
        x = pad_image(x, kernel, strides, cfg.get("padding", "valid"))
        weight = self.params[name + "/kernel"].permute(3, 2, 0, 1)  # HWIO -> OIHW
        return F.conv2d(x, weight, self.params.get(name + "/bias"), stride=strides)

    def _depthwise_conv2d(self, x, name, cfg, training):
        kernel, strides = pair(cfg["kernel_size"]), pair(cfg.get("strides"), 1)
        x = pad_image(x, kernel, strides, cfg.get("padding", "valid"))
        k = self.params[name + "/depthwise_kernel"]  # {kh, kw, channels, multiplier}
        # Output channel c * multiplier + m filters input channel c: a grouped convolution.
        weight = k.permute(2, 3, 0, 1).reshape(k.shape[2] * k.shape[3], 1, k.shape[0], k.shape[1])
        return F.conv2d(x, weight, self.params.get(name + "/bias"), stride=strides,
                        groups=k.shape[2])

    def _globalavgpool2d(self, x, name, cfg, training):
        return x.mean(dim=(2, 3))

    def _globalmaxpool2d(self, x, name, cfg, training):
        return x.amax(dim=(2, 3))

    def _dense(self, x, name, cfg, training):
        y = x @ self.params[name + "/kernel"]
        bias = self.params.get(name + "/bias")
        return y if bias is None else y + bias

    def _maxpool2d(self, x, name, cfg, training):
        pool = pair(cfg.get("pool_size"), 2)
        strides = pair(cfg.get("strides"), pool)
        x = pad_image(x, pool, strides, cfg.get("padding", "valid"), value=-math.inf)
        return F.max_pool2d(x, pool, strides)

    def _avgpool2d(self, x, name, cfg, training):
        # Keras averages over the pixels inside the image only: the sum over the window
        # divided by the count of real pixels in it.
        pool = pair(cfg.get("pool_size"), 2)
        strides = pair(cfg.get("strides"), pool)
        padding = cfg.get("padding", "valid")
        total = F.avg_pool2d(pad_image(x, pool, strides, padding), pool, strides)
        ones = torch.ones_like(x[:1, :1])
        count = F.avg_pool2d(pad_image(ones, pool, strides, padding), pool, strides)
        return total / count

    def _flatten(self, x, name, cfg, training):
        # cnnlab (like Keras) flattens in NHWC order.
        if x.dim() == 4:
            x = x.permute(0, 2, 3, 1)
        return x.reshape(x.shape[0], -1)

    def _dropout(self, x, name, cfg, training):
        if training and cfg.get("rate", 0.5) != 0:
            raise ValueError("training parity runs dropout at rate 0 (masks differ)")
        return x

    def _activation(self, x, name, cfg, training):
        return x  # applied by forward()

    def _batchnorm(self, x, name, cfg, training):
        # PyTorch's momentum is Keras' 1 - momentum; its running variance is updated with the
        # unbiased batch variance, Keras' with the biased one (converted in keras_moving_variance).
        self.batch_variance_counts[name] = x.numel() // x.shape[1]
        return F.batch_norm(
            x, self.buffers[name + "/moving_mean"], self.buffers[name + "/moving_variance"],
            self.params[name + "/gamma"], self.params[name + "/beta"], training=training,
            momentum=1.0 - cfg.get("momentum", 0.99), eps=cfg.get("epsilon", 1e-3))

    def keras_moving_variance(self, name, before):
        """Keras' moving variance after one training batch, from PyTorch's.
        PyTorch: new = (1 - t) old + t var * n / (n - 1); Keras: (1 - t) old + t var, so
        Keras' = new (1 - 1/n) + (1 - t) old / n (no division by t, exact in float64)."""
        n = self.batch_variance_counts[name]
        cfg = next(c for (lname, _), c in zip(self.layers, self.configs) if lname == name)
        t = 1.0 - cfg.get("momentum", 0.99)
        new = self.buffers[name + "/moving_variance"].double()
        return new * (1.0 - 1.0 / n) + (1.0 - t) * before.double() / n


def make_optimizer(cfg, params):
    """PyTorch's optimizer for cnnlab's (Keras') one, and a hook run before each step.

    - sgd: Keras' v = m v - lr g; w += v equals PyTorch's b = m b + g; w -= lr b for a constant
      learning rate (v = -lr b), nesterov too.
    - adam: Keras adds epsilon to sqrt(v) of the uncorrected v ("epsilon hat"), PyTorch to the
      bias-corrected one: equal when PyTorch's eps at step t is eps / sqrt(1 - beta_2^t).
    - rmsprop: Keras adds epsilon inside the square root, PyTorch outside; no PyTorch eps
      reproduces that, so the suite runs rmsprop with epsilon 1e-30, where both placements
      round to the same float32 unless |g| < 1e-14. Momentum: Keras' p = m p + lr g / d equals
      PyTorch's b = m b + g / d; w -= lr b for a constant learning rate. With a larger epsilon
      the placement matters and KerasRMSprop, Keras' formula in torch operations, checks it.
    """
    kind = cfg["type"]
    if kind == "sgd":
        return torch.optim.SGD(params, lr=cfg.get("learning_rate", 0.01),
                               momentum=cfg.get("momentum", 0.0),
                               nesterov=cfg.get("nesterov", False)), lambda step: None
    if kind == "adam":
        beta_1, beta_2 = cfg.get("beta_1", 0.9), cfg.get("beta_2", 0.999)
        epsilon = cfg.get("epsilon", 1e-7)
        opt = torch.optim.Adam(params, lr=cfg.get("learning_rate", 0.001),
                               betas=(beta_1, beta_2), eps=epsilon)

        def convert_epsilon(step):
            for group in opt.param_groups:
                group["eps"] = epsilon / math.sqrt(1.0 - beta_2 ** step)
        return opt, convert_epsilon
    if kind == "rmsprop":
        if cfg.get("epsilon", 1e-7) > 1e-20:
            return KerasRMSprop(params, cfg), lambda step: None
        return torch.optim.RMSprop(params, lr=cfg.get("learning_rate", 0.001),
                                   alpha=cfg.get("rho", 0.9), eps=cfg["epsilon"],
                                   momentum=cfg.get("momentum", 0.0),
                                   centered=cfg.get("centered", False)), lambda step: None
    raise ValueError(f"no PyTorch counterpart for optimizer {kind}")


class KerasRMSprop(torch.optim.Optimizer):
    """Keras' RMSprop, epsilon inside the square root, written from Keras' documentation:
    v = rho v + (1 - rho) g^2; centered: a = rho a + (1 - rho) g, d = v - a^2 + eps, else
    d = v + eps; increment = lr g / sqrt(d); momentum: p = m p + increment, w -= p."""

    def __init__(self, params, cfg):
        super().__init__(params, {
            "lr": cfg.get("learning_rate", 0.001), "rho": cfg.get("rho", 0.9),
            "momentum": cfg.get("momentum", 0.0), "eps": cfg.get("epsilon", 1e-7),
            "centered": cfg.get("centered", False)})

    @torch.no_grad()
    def step(self):
        for group in self.param_groups:
            rho, eps = group["rho"], group["eps"]
            for w in group["params"]:
                g, state = w.grad, self.state[w]
                if not state:
                    state.update(v=torch.zeros_like(w), a=torch.zeros_like(w),
                                 p=torch.zeros_like(w))
                state["v"].mul_(rho).add_((1 - rho) * g * g)
                d = state["v"] + eps
                if group["centered"]:
                    state["a"].mul_(rho).add_((1 - rho) * g)
                    d = d - state["a"] ** 2
                increment = group["lr"] * g / d.sqrt()
                if group["momentum"] > 0:
                    increment = state["p"].mul_(group["momentum"]).add_(increment)
                w.sub_(increment)
