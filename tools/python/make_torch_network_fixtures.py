"""Writes the network fixtures of Painterly.Torch.Tests/Fixtures: PyTorch's own outputs for the StyleNet with
transposed upsampling and for torchvision's VGG loss taps, which the TorchSharp modules must reproduce.

Run with Debian's system python, which has torch and torchvision (the pyenv python first on PATH does not):

    /usr/bin/python3 tools/python/make_torch_network_fixtures.py

Run make_pytorch_fixtures.py and make_onnx_fixtures.py first: this script reads their
transformer-c8-transposed-fp16.pth and input-64x48.f32. Files (all small; CI has no torch):

- transposed-c8-output.f32: the TransformerNet (8 channels, 2 residual blocks, transposed upsampling) with the
  weights of transformer-c8-transposed-fp16.pth (widened to float32) applied to input-64x48.f32; float32
  little-endian CHW [3, 48, 64], not clamped. (The nearest form's output is transformer-c8-output.f32.)
- vgg16-taps.f32, vgg19-taps.f32: torchvision vgg16/vgg19 `features` with the weights of `hashed_weights` below
  applied to `hashed_input` (RGB 0-255, [1, 3, 12, 16]), scaled to 0-1 and normalised with the ImageNet mean and
  std as pytorch/examples does; the four taps (relu1_2, relu2_2, relu3_3, relu4_3), each flattened CHW, one
  after another. VGG's 7.6 M weights are too large to commit, so they come from an integer hash that the C# test
  computes bit for bit the same way: only the outputs are stored.
"""
import os
import sys

import numpy as np
import torch
import torchvision

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from transformer_net import TransformerNet  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "Painterly.Torch.Tests", "Fixtures")
PTH = os.path.join(ROOT, "tests", "Painterly.Core.Tests", "PyTorch", "Fixtures", "transformer-c8-transposed-fp16.pth")
INPUT = os.path.join(ROOT, "tests", "Painterly.CoreML.Tests", "Fixtures", "Onnx", "input-64x48.f32")
MASK = 0xFFFFFFFF

# torchvision's features index of each tap's ReLU: relu1_2, relu2_2, relu3_3, relu4_3 (the pytorch/examples taps).
TAPS = {"vgg16": [3, 8, 15, 22], "vgg19": [3, 8, 15, 24]}


def hashed_uniform(count, salt):
    """count values in [-1, 1): an integer hash of (index, salt), the same in the C# test (VggFixtureWeights)."""
    h = (np.arange(count, dtype=np.uint64) * np.uint64(2654435761) + np.uint64(salt) * np.uint64(40503)) & np.uint64(MASK)
    h ^= h >> np.uint64(16)
    h = (h * np.uint64(0x45D9F3B)) & np.uint64(MASK)
    h ^= h >> np.uint64(16)
    return (h.astype(np.float64) / 2.0**31 - 1.0).astype(np.float32)


def hashed_weights(features):
    """Every conv of `features`: weight uniform in +-sqrt(3/fan_in)*1.4, bias in +-0.05 (salts: 2*conv, 2*conv+1)."""
    conv = 0
    with torch.no_grad():
        for layer in features:
            if isinstance(layer, torch.nn.Conv2d):
                w = layer.weight
                fan_in = w.shape[1] * w.shape[2] * w.shape[3]
                scale = np.float32(1.4 * np.sqrt(3.0 / fan_in))
                w.copy_(torch.from_numpy(hashed_uniform(w.numel(), 2 * conv) * scale).reshape(w.shape))
                b = layer.bias
                b.copy_(torch.from_numpy(hashed_uniform(b.numel(), 2 * conv + 1) * np.float32(0.05)))
                conv += 1


def hashed_input():
    return torch.from_numpy((hashed_uniform(3 * 12 * 16, 1000) + np.float32(1)) * np.float32(127.5)).reshape(1, 3, 12, 16)


def vgg_taps(kind):
    features = getattr(torchvision.models, kind)(weights=None).features.eval()
    hashed_weights(features)
    mean = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
    std = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)
    x = (hashed_input() / 255 - mean) / std
    taps = []
    with torch.no_grad():
        for index, layer in enumerate(features):
            x = layer(x)
            if index in TAPS[kind]:
                taps.append(x[0].reshape(-1))
            if index == TAPS[kind][-1]:
                break
    return torch.cat(taps)


def main():
    os.makedirs(OUT, exist_ok=True)
    torch.set_num_threads(1)
    net = TransformerNet(channels=8, residual_blocks=2, upsample="transposed").eval()
    net.load_state_dict({k: v.float() for k, v in torch.load(PTH).items()})
    x = torch.from_numpy(np.fromfile(INPUT, dtype="<f4").reshape(1, 3, 48, 64))
    with torch.no_grad():
        out = net(x)[0]
    out.numpy().astype("<f4").tofile(os.path.join(OUT, "transposed-c8-output.f32"))
    print("transposed output", tuple(out.shape), "range", float(out.min()), float(out.max()))

    for kind in TAPS:
        taps = vgg_taps(kind)
        taps.numpy().astype("<f4").tofile(os.path.join(OUT, f"{kind}-taps.f32"))
        print(kind, "taps", taps.numel(), "values, range", float(taps.min()), float(taps.max()), "zeros", float((taps == 0).float().mean()))

    total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
    assert total < 300_000, f"fixtures take {total} bytes"
    print(f"wrote {len(os.listdir(OUT))} files, {total} bytes, to {OUT} (torch {torch.__version__}, torchvision {torchvision.__version__})")


if __name__ == "__main__":
    main()
