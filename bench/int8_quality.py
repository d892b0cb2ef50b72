"""PSNR of Painterly's int8 engine against its fp32 output, photo by photo.

usage (any python3 with numpy and Pillow, e.g. Debian's /usr/bin/python3):
    /usr/bin/python3 bench/int8_quality.py --style MODEL.safetensors [--photos ../shared/data/validation] [--max-size 512]

Runs `painterly stylize` twice over the same folder, `--precision fp32` and the default (int8 where the model file
carries a calibration), and prints the PSNR of every int8 output against its fp32 twin, then min / median / max.
The outputs are 8-bit PNGs, so the PSNR includes the final rounding, as a user would see it.
"""
import argparse
import math
import os
import statistics
import subprocess
import tempfile

import numpy as np
from PIL import Image

ROOT = os.path.abspath(os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
PAINTERLY = os.path.join(ROOT, "painterly")


def psnr(a, b):
    mse = np.mean((a.astype(np.float64) - b.astype(np.float64)) ** 2)
    return math.inf if mse == 0 else 10 * math.log10(255 ** 2 / mse)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--style", required=True)
    parser.add_argument("--photos", default=os.path.join(ROOT, "..", "shared", "data", "validation"))
    parser.add_argument("--max-size", default="512")
    args = parser.parse_args()
    work = tempfile.mkdtemp(prefix="painterly-int8-")
    outputs = {}
    for precision in ("fp32", "auto"):
        folder = os.path.join(work, precision)
        result = subprocess.run([PAINTERLY, "stylize", args.photos, "--style", args.style, "--precision", precision,
                                 "--max-size", args.max_size, "-o", folder], capture_output=True, text=True, check=True)
        print(result.stdout.splitlines()[0])
        outputs[precision] = folder
    values = []
    for directory, _, files in sorted(os.walk(outputs["fp32"])):
        for name in sorted(files):
            exact = os.path.join(directory, name)
            int8 = os.path.join(outputs["auto"], os.path.relpath(exact, outputs["fp32"]))
            value = psnr(np.asarray(Image.open(exact).convert("RGB")), np.asarray(Image.open(int8).convert("RGB")))
            values.append((value, os.path.relpath(exact, outputs["fp32"])))
    for value, name in sorted(values)[:5]:
        print(f"  lowest: {value:.1f} dB  {name}")
    psnrs = [v for v, _ in values]
    print(f"{len(psnrs)} photos: PSNR int8 vs fp32 min {min(psnrs):.1f} dB, median {statistics.median(psnrs):.1f} dB, max {max(psnrs):.1f} dB")


if __name__ == "__main__":
    main()
