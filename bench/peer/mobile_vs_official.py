"""The mobile form on Painterly's CPU engine against the official pytorch/examples TransformerNet in PyTorch eager,
side by side, interleaved, at 1024x1024 (the CPU half of the mobile network's speed claim; the browser half is
tests/Painterly.Web.Tests/Benchmarks/DeviceSpeedBenchmarks.cs).

usage (Debian's python3 with python3-torch):
    /usr/bin/python3 bench/peer/mobile_vs_official.py [--style starry-night-mobile] [--sizes 1024] [--rounds 5] [--runs 3]

PyTorch runs tools/python/transformer_net.py's TransformerNet (32 channels, 5 residual blocks) with 2 threads, with
the trained weights of bench/models/udnie-32ch.safetensors (realistic activations). Painterly runs
`painterly bench` (the ONNX Runtime session run, in-process) on the given style. Rounds alternate; medians over
all runs.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools", "python"))
from transformer_net import load_painterly_model  # noqa: E402

PAINTERLY = os.path.join(ROOT, "painterly")


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--style", default="starry-night-mobile")
    parser.add_argument("--sizes", default="1024")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    torch.set_num_threads(2)
    official = load_painterly_model(os.path.join(ROOT, "bench", "models", "udnie-32ch.safetensors"))
    print(f"painterly {args.style} against the official TransformerNet; torch {torch.__version__} with {torch.get_num_threads()} threads")
    for side in [int(s) for s in args.sizes.split(",")]:
        x = torch.rand(1, 3, side, side) * 255
        with torch.no_grad():
            official(x)  # warm-up
        pytorch, painterly = [], []
        for _ in range(args.rounds):
            with torch.no_grad():
                for _ in range(args.runs):
                    start = time.perf_counter()
                    official(x)
                    pytorch.append((time.perf_counter() - start) * 1000)
            out = subprocess.run([PAINTERLY, "bench", "--style", args.style, "--sizes", str(side), "--runs", str(args.runs),
                                  "--warmup", "1", "--json"], check=True, capture_output=True, text=True).stdout
            painterly.append(json.loads(out)["results"][0]["engineMedianMs"])
        pt, pl = statistics.median(pytorch), statistics.median(painterly)
        print(f"engine {side}x{side}: official in pytorch eager {pt:.0f} ms, {args.style} in painterly {pl:.0f} ms, ratio {pt / pl:.1f}x")


if __name__ == "__main__":
    main()
