"""PyTorch eager timing of a Painterly model, for side-by-side comparison with Painterly's engine.

usage: pytorch_speed.py --model M.safetensors --size 512 [--runs 5] [--threads 2] [--input in.raw --output out.raw]
Prints one JSON line: {"runtime": "pytorch", "size": N, "median_ms": ..., "runs_ms": [...]}.
With --input (float32 CHW 0-255 raw, size x size), writes the clamped output as float32 raw for pixel comparison.
"""
import argparse
import json
import os
import statistics
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools", "python"))
from transformer_net import load_painterly_model  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--size", type=int, required=True)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--input")
    parser.add_argument("--output")
    args = parser.parse_args()
    torch.set_num_threads(args.threads)
    model = load_painterly_model(args.model)
    if args.input:
        x = torch.from_numpy(np.fromfile(args.input, dtype=np.float32).reshape(1, 3, args.size, args.size))
    else:
        x = torch.rand(1, 3, args.size, args.size, generator=torch.Generator().manual_seed(0)) * 255
    times = []
    with torch.no_grad():
        y = model(x)  # warm-up
        for _ in range(args.runs):
            start = time.perf_counter()
            y = model(x)
            times.append((time.perf_counter() - start) * 1000)
    if args.output:
        y.clamp(0, 255).numpy().astype(np.float32).tofile(args.output)
    print(json.dumps({"runtime": "pytorch", "size": args.size, "median_ms": statistics.median(times), "runs_ms": times}))


if __name__ == "__main__":
    main()
