"""Writes the official pytorch/examples TransformerNet (32 channels, 5 residual blocks; random weights, PyTorch's
default initialisation, seed 0) as PyTorch's own ONNX export: the reference the web benchmark measures the page's
networks against. Float32 NCHW RGB 0-255 in and out, symbolic height and width, opset 17.

usage (Debian's python3 with python3-torch):
    /usr/bin/python3 tools/python/make_official_onnx.py OUTPUT.onnx
"""
import os
import sys

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from transformer_net import TransformerNet  # noqa: E402


def main():
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    torch.manual_seed(0)
    net = TransformerNet(32, 5).eval()
    example = torch.rand(1, 3, 64, 64) * 255
    torch.onnx.export(net, example, sys.argv[1], opset_version=17, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {2: "height", 3: "width"}, "output": {2: "height", 3: "width"}})


if __name__ == "__main__":
    main()
