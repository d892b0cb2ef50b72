"""The pytorch/examples TransformerNet, parameterised like Painterly's StyleNet.

Written for Painterly's fixtures and peer benchmarks. State_dict keys are the pytorch/examples ones
(conv1.conv2d.weight, in1.weight, res1.conv1.conv2d.weight, deconv1.conv2d.bias, ...).
Input and output: RGB float 0-255, NCHW.
"""
import json
import struct

import numpy as np
import torch
from torch import nn


class ConvLayer(nn.Module):
    def __init__(self, cin, cout, kernel, stride):
        super().__init__()
        self.reflection_pad = nn.ReflectionPad2d(kernel // 2)
        self.conv2d = nn.Conv2d(cin, cout, kernel, stride)

    def forward(self, x):
        return self.conv2d(self.reflection_pad(x))


class UpsampleConvLayer(nn.Module):
    def __init__(self, cin, cout, kernel, transposed=False):
        super().__init__()
        self.transposed = transposed
        if transposed:
            self.conv2d = nn.ConvTranspose2d(cin, cout, kernel, stride=2, padding=kernel // 2, output_padding=1)
        else:
            self.reflection_pad = nn.ReflectionPad2d(kernel // 2)
            self.conv2d = nn.Conv2d(cin, cout, kernel, 1)

    def forward(self, x):
        if self.transposed:
            return self.conv2d(x)
        x = nn.functional.interpolate(x, mode="nearest", scale_factor=2)
        return self.conv2d(self.reflection_pad(x))


class ResidualBlock(nn.Module):
    def __init__(self, channels):
        super().__init__()
        self.conv1 = ConvLayer(channels, channels, 3, 1)
        self.in1 = nn.InstanceNorm2d(channels, affine=True)
        self.conv2 = ConvLayer(channels, channels, 3, 1)
        self.in2 = nn.InstanceNorm2d(channels, affine=True)
        self.relu = nn.ReLU()

    def forward(self, x):
        y = self.relu(self.in1(self.conv1(x)))
        return self.in2(self.conv2(y)) + x


class TransformerNet(nn.Module):
    def __init__(self, channels=32, residual_blocks=5, upsample="nearest"):
        super().__init__()
        c1, c2, c3 = channels, 2 * channels, 4 * channels
        transposed = upsample == "transposed"
        self.conv1 = ConvLayer(3, c1, 9, 1)
        self.in1 = nn.InstanceNorm2d(c1, affine=True)
        self.conv2 = ConvLayer(c1, c2, 3, 2)
        self.in2 = nn.InstanceNorm2d(c2, affine=True)
        self.conv3 = ConvLayer(c2, c3, 3, 2)
        self.in3 = nn.InstanceNorm2d(c3, affine=True)
        for i in range(residual_blocks):
            self.add_module(f"res{i + 1}", ResidualBlock(c3))
        self.residual_blocks = residual_blocks
        self.deconv1 = UpsampleConvLayer(c3, c2, 3, transposed)
        self.in4 = nn.InstanceNorm2d(c2, affine=True)
        self.deconv2 = UpsampleConvLayer(c2, c1, 3, transposed)
        self.in5 = nn.InstanceNorm2d(c1, affine=True)
        self.deconv3 = ConvLayer(c1, 3, 9, 1)
        self.relu = nn.ReLU()

    def forward(self, x):
        y = self.relu(self.in1(self.conv1(x)))
        y = self.relu(self.in2(self.conv2(y)))
        y = self.relu(self.in3(self.conv3(y)))
        for i in range(self.residual_blocks):
            y = getattr(self, f"res{i + 1}")(y)
        y = self.relu(self.in4(self.deconv1(y)))
        y = self.relu(self.in5(self.deconv2(y)))
        return self.deconv3(y)


def read_safetensors(path):
    """Returns (metadata, {name: float32 numpy array}) from a .safetensors file (F32/F16 only)."""
    with open(path, "rb") as f:
        (n,) = struct.unpack("<Q", f.read(8))
        header = json.loads(f.read(n))
        data = f.read()
    metadata = header.pop("__metadata__", {})
    dtypes = {"F32": np.float32, "F16": np.float16}
    tensors = {}
    for name, info in header.items():
        begin, end = info["data_offsets"]
        array = np.frombuffer(data[begin:end], dtype=dtypes[info["dtype"]]).reshape(info["shape"])
        tensors[name] = array.astype(np.float32)
    return metadata, tensors


def load_painterly_model(path):
    """Builds a TransformerNet from a Painterly .safetensors model file."""
    metadata, tensors = read_safetensors(path)
    config = json.loads(metadata["config"])
    net = TransformerNet(config["channels"], config["residualBlocks"], config["upsample"].lower())
    net.load_state_dict({k: torch.from_numpy(v.copy()) for k, v in tensors.items()})
    return net.eval()
