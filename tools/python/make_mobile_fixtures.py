"""Writes the mobile StyleNet fixtures of Painterly.Torch.Tests/Fixtures: a small mobile network's weights as a
Painterly model file and PyTorch's own output for them, which TorchSharp and ONNX Runtime must reproduce.

Run with Debian's system python, which has torch (the pyenv python first on PATH does not):

    /usr/bin/python3 tools/python/make_mobile_fixtures.py

Reads input-64x48.f32 (make_onnx_fixtures.py). Files (small; CI has no torch):

- mobile-c8.safetensors: tools/python/mobile_style_net.py's MobileStyleNet (8 channels, 2 residual blocks), PyTorch's
  default initialisation with seed 0, instance-norm scales and shifts drawn too (so ignoring them shows), and the
  output conv scaled by 20 with its bias at 127.5 (a visible picture inside 0-255); float32, with Painterly's metadata.
- mobile-c8-output.f32: its output for input-64x48.f32, float32 little-endian CHW [3, 48, 64], not clamped.
"""
import json
import os
import struct
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from mobile_style_net import MobileStyleNet  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "Painterly.Torch.Tests", "Fixtures")
INPUT = os.path.join(ROOT, "tests", "Painterly.CoreML.Tests", "Fixtures", "Onnx", "input-64x48.f32")


def write_model(path, net, config):
    header, blobs, offset = {}, [], 0
    for name, value in net.state_dict().items():
        data = value.detach().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(value.shape), "data_offsets": [offset, offset + len(data)]}
        blobs.append(data)
        offset += len(data)
    header["__metadata__"] = {"format": "painterly.stylenet", "version": "1", "config": json.dumps(config, separators=(",", ":")),
                              "style_name": "mobile-c8", "description": "tools/python/make_mobile_fixtures.py"}
    text = json.dumps(header).encode()
    text += b" " * (-len(text) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(text)) + text + b"".join(blobs))


def main():
    torch.manual_seed(0)
    net = MobileStyleNet(8, 2).eval()
    with torch.no_grad():
        for name, value in net.named_parameters():
            if ".in" in name or name.startswith("in"):
                value.copy_(torch.rand_like(value) + 0.5 if name.endswith("weight") else torch.rand_like(value) - 0.5)
        net.deconv1.conv2d.weight.mul_(20)  # a visible picture rather than grey +-4 levels
        net.deconv1.conv2d.bias.fill_(127.5)
    write_model(os.path.join(OUT, "mobile-c8.safetensors"), net, {"channels": 8, "residualBlocks": 2, "upsample": "nearest", "form": "mobile"})
    x = torch.from_numpy(np.fromfile(INPUT, dtype="<f4").reshape(1, 3, 48, 64))
    with torch.no_grad():
        net(x)[0].numpy().astype("<f4").tofile(os.path.join(OUT, "mobile-c8-output.f32"))


if __name__ == "__main__":
    main()
