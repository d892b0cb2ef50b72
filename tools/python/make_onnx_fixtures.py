"""Writes the ONNX conversion fixtures of Painterly.CoreML.Tests/Fixtures/Onnx (the CLI tests link them).

Run with Debian's system python, which has torch and onnx (the pyenv python first on PATH does not):

    /usr/bin/python3 tools/python/make_onnx_fixtures.py

Run make_pytorch_fixtures.py first: the StyleNet here has the weights of its transformer-c8.pth, so one
PyTorch output checks the .pth and the ONNX conversions alike. Files (all small; CI has no torch):

- transformer-c8-opset{9,11,13}.onnx: torch.onnx.export of that TransformerNet with default settings
  (Upsample at opset 9, Resize at 11/13; Pad pads as an input at 11/13).
- transformer-c8-opset11-unfolded.onnx: the same at opset 11 with do_constant_folding=False, so the
  Pad pads and Resize scales come from the Constant/Shape/Gather/Concat/Slice/... chains PyTorch emits.
- misc-ops-opset{11,13}.onnx: a small network that is not a StyleNet (BatchNorm, replicate and constant
  padding, ConvTranspose, Sigmoid, Tanh, Clip, Add/Mul/Sub/Div with constants and tensors, Resize),
  for the general ONNX -> Core ML converter.
- unsupported-op.onnx: a Conv followed by a Softmax node named "softmax_node" (no converter maps it).
- input-64x48.f32: the test image, float32 little-endian CHW [3, 48, 64], RGB 0-255.
- transformer-c8-output.f32 / misc-ops-output.f32: PyTorch's outputs for it, same layout, not clamped.
"""
import os
import sys

import numpy as np
import onnx
import torch
from onnx import helper, TensorProto
from torch import nn
from torch.nn import functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from transformer_net import TransformerNet  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "Painterly.CoreML.Tests", "Fixtures", "Onnx")
PTH = os.path.join(ROOT, "tests", "Painterly.Core.Tests", "PyTorch", "Fixtures", "transformer-c8.pth")
WIDTH, HEIGHT = 64, 48


class MiscOps(nn.Module):
    """Not a StyleNet: one of each op the general converter maps, output kept inside 0-255 mostly."""

    def __init__(self):
        super().__init__()
        self.conv_a = nn.Conv2d(3, 6, 3, padding=1)
        self.bn = nn.BatchNorm2d(6)
        self.conv_b = nn.Conv2d(6, 6, 3, stride=2)
        self.up = nn.ConvTranspose2d(6, 6, 3, stride=2, padding=1, output_padding=1)
        self.conv_c = nn.Conv2d(6, 3, 3, stride=2)

    def forward(self, x):
        x = x / 255.0 - 0.5
        y = self.bn(self.conv_a(x))
        a = torch.sigmoid(y) * 2.0
        b = torch.tanh(y) + 1.0
        y = a * b + (a - b)
        y = F.pad(y, (1, 1, 1, 1), mode="replicate")
        y = torch.relu(self.conv_b(y))
        y = self.up(y)
        y = F.interpolate(y, scale_factor=2, mode="nearest")
        y = F.pad(y, (1, 1, 1, 1), mode="constant", value=0.25)
        y = F.pad(y, (0, 0, 0, 0))
        y = self.conv_c(y)
        # 64x48 -> conv_b 32x24 -> up 64x48 -> x2 128x96 -> pad 130x98 -> conv_c (stride 2) 64x48.
        return torch.clamp(y * 150.0 + 128.0, 0.0, 255.0)


def export(net, name, opset, folding=True):
    x = torch.zeros(1, 3, HEIGHT, WIDTH)
    path = os.path.join(OUT, name)
    torch.onnx.export(net, x, path, opset_version=opset, input_names=["input"], output_names=["output"],
                      do_constant_folding=folding)
    onnx.checker.check_model(onnx.load(path))
    return path


def unsupported(path):
    w = np.random.RandomState(0).randn(4, 3, 1, 1).astype(np.float32)
    graph = helper.make_graph(
        [
            helper.make_node("Conv", ["input", "w"], ["c"], name="conv_node"),
            helper.make_node("Softmax", ["c"], ["output"], name="softmax_node", axis=1),
        ],
        "unsupported",
        [helper.make_tensor_value_info("input", TensorProto.FLOAT, [1, 3, HEIGHT, WIDTH])],
        [helper.make_tensor_value_info("output", TensorProto.FLOAT, [1, 4, HEIGHT, WIDTH])],
        [helper.make_tensor("w", TensorProto.FLOAT, w.shape, w.flatten())],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)], producer_name="painterly-fixtures")
    onnx.checker.check_model(model)
    onnx.save(model, path)


def test_image():
    ys, xs = np.mgrid[0:HEIGHT, 0:WIDTH].astype(np.float32)
    rng = np.random.RandomState(7)
    image = np.stack([
        255.0 * xs / (WIDTH - 1),
        255.0 * ys / (HEIGHT - 1),
        127.5 + 127.5 * np.sin(xs / 5.0) * np.cos(ys / 7.0),
    ]) + rng.uniform(-20, 20, size=(3, HEIGHT, WIDTH))
    return np.clip(np.round(image), 0, 255).astype("<f4")


def main():
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        os.remove(os.path.join(OUT, old))

    net = TransformerNet(channels=8, residual_blocks=2)
    net.load_state_dict(torch.load(PTH))
    net.eval()
    image = test_image()
    image.tofile(os.path.join(OUT, "input-64x48.f32"))
    x = torch.from_numpy(image.copy()).unsqueeze(0)
    with torch.no_grad():
        net(x)[0].numpy().astype("<f4").tofile(os.path.join(OUT, "transformer-c8-output.f32"))
        for opset in (9, 11, 13):
            export(net, f"transformer-c8-opset{opset}.onnx", opset)
        export(net, "transformer-c8-opset11-unfolded.onnx", 11, folding=False)

        torch.manual_seed(5)
        misc = MiscOps()
        misc.bn.running_mean.uniform_(-0.2, 0.2)
        misc.bn.running_var.uniform_(0.5, 1.5)
        misc.bn.weight.data.uniform_(0.5, 1.5)
        misc.bn.bias.data.uniform_(-0.2, 0.2)
        misc.eval()
        out = misc(x)[0]
        out.numpy().astype("<f4").tofile(os.path.join(OUT, "misc-ops-output.f32"))
        print("misc output shape", tuple(out.shape), "range", float(out.min()), float(out.max()))
        for opset in (11, 13):
            export(misc, f"misc-ops-opset{opset}.onnx", opset)

    unsupported(os.path.join(OUT, "unsupported-op.onnx"))
    total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
    assert total < 1_500_000, f"fixtures take {total} bytes"
    print(f"wrote {len(os.listdir(OUT))} files, {total} bytes, to {OUT} (torch {torch.__version__}, onnx {onnx.__version__})")


if __name__ == "__main__":
    main()
