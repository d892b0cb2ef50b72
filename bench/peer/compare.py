"""Painterly against PyTorch eager on the same weights and the same photo, side by side, interleaved.

usage (Debian's python3 with python3-torch):
    /usr/bin/python3 bench/peer/compare.py [--photo P] [--sizes 512,1024] [--rounds 3] [--style MODEL|seeded] [--fp32]

The default model is bench/models/udnie-32ch.safetensors: a trained StyleNet of the full pytorch/examples size.

1. Engine: PyTorch eager forward (2 threads, tools/python/transformer_net.py with pytorch/examples keys, loading
   the Painterly model file) against `painterly bench` (the ONNX Runtime session run, in-process), alternating
   rounds; medians over all runs.
2. End to end at 1024: `./painterly stylize photo.png` (process start to file written) against a script in the
   style of the official `neural_style.py eval` doing the same job, alternating; medians.
3. Pixels: the max abs difference between PyTorch's output (rounded) and Painterly's PNG on the same photo.
"""
import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools", "python"))
from transformer_net import load_painterly_model  # noqa: E402

PAINTERLY = os.path.join(ROOT, "painterly")


def run(cmd):
    return subprocess.run(cmd, check=True, capture_output=True, text=True).stdout


def square_photo(path, side, out):
    image = Image.open(path).convert("RGB")
    s = min(image.size)
    left, top = (image.width - s) // 2, (image.height - s) // 2
    image.crop((left, top, left + s, top + s)).resize((side, side), Image.LANCZOS).save(out)


def torch_engine_ms(model, x, runs):
    times = []
    with torch.no_grad():
        for _ in range(runs):
            start = time.perf_counter()
            model(x)
            times.append((time.perf_counter() - start) * 1000)
    return times


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--photo", default=os.path.join(ROOT, "..", "shared", "data", "validation", "set14"))
    parser.add_argument("--sizes", default="512,1024")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--style", default=os.path.join(ROOT, "bench", "models", "udnie-32ch.safetensors"))
    parser.add_argument("--fp32", action="store_true", help="Painterly runs float32 (--precision fp32), not int8 where calibrated")
    args = parser.parse_args()
    torch.set_num_threads(2)
    work = tempfile.mkdtemp(prefix="painterly-peer-")
    model_file = os.path.join(work, "model.safetensors")
    # The model file as `painterly export --int8` writes it: same weights, plus the int8 calibration Painterly uses.
    run([PAINTERLY, "export", args.style, "--format", "safetensors", "--int8", "-o", model_file])
    precision = ["--precision", "fp32" if args.fp32 else "auto"]
    model = load_painterly_model(model_file)

    photo = args.photo
    if os.path.isdir(photo):
        photo = os.path.join(photo, sorted(f for f in os.listdir(photo) if f.lower().endswith((".png", ".jpg")))[0])
    print(f"photo {photo}; model {args.style}; painterly precision {precision[1]}; torch {torch.__version__} with {torch.get_num_threads()} threads")

    # 1. Engine, interleaved rounds.
    for side in [int(s) for s in args.sizes.split(",")]:
        x = torch.rand(1, 3, side, side, generator=torch.Generator().manual_seed(0)) * 255
        with torch.no_grad():
            model(x)  # warm-up
        pt, pl = [], []
        for _ in range(args.rounds):
            pt += torch_engine_ms(model, x, args.runs)
            bench = json.loads(run([PAINTERLY, "bench", "--sizes", str(side), "--runs", str(args.runs),
                                    "--warmup", "1", "--style", model_file, "--json"] + precision))
            pl.append(bench["results"][0]["engineMedianMs"])
        ptm, plm = statistics.median(pt), statistics.median(pl)
        print(f"engine {side}x{side}: pytorch eager {ptm:.0f} ms, painterly onnx {plm:.0f} ms, ratio {ptm / plm:.2f}x")

    # 2. End to end at 1024, process start to file written.
    square = os.path.join(work, "photo1024.png")
    square_photo(photo, 1024, square)
    pt_out, pl_out = os.path.join(work, "pytorch.png"), os.path.join(work, "painterly.png")
    eval_script = os.path.join(HERE, "neural_style_eval.py")
    run([PAINTERLY, "stylize", square, "--style", model_file, "-o", pl_out] + precision)  # build and warm the disk cache
    pt_times, pl_times = [], []
    for _ in range(args.rounds):
        start = time.perf_counter()
        run([sys.executable, eval_script, "--model", model_file, "--content", square, "--output", pt_out])
        pt_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        run([PAINTERLY, "stylize", square, "--style", model_file, "-o", pl_out] + precision)
        pl_times.append(time.perf_counter() - start)
    ptm, plm = statistics.median(pt_times), statistics.median(pl_times)
    print(f"end to end 1024x1024: pytorch script {ptm:.2f} s, painterly stylize {plm:.2f} s, ratio {ptm / plm:.2f}x")

    # 3. Pixels on the same photo.
    x = torch.from_numpy(np.asarray(Image.open(square).convert("RGB"), dtype=np.float32).transpose(2, 0, 1).copy())[None]
    with torch.no_grad():
        reference = model(x)[0].clamp(0, 255).numpy().transpose(1, 2, 0)
    ours = np.asarray(Image.open(pl_out).convert("RGB"), dtype=np.float32)
    diff = np.abs(np.round(reference) - ours)
    print(f"pixels 1024x1024: max abs difference {diff.max():.0f}, mean {diff.mean():.4f} (0-255, after rounding)")


if __name__ == "__main__":
    main()
