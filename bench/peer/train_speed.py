"""Training throughput: Painterly against a PyTorch loop in the style of the official pytorch/examples
fast_neural_style `train`, same network, same VGG16 taps, same batch, side by side, interleaved.

usage (Debian's python3 with python3-torch and python3-torchvision):
    /usr/bin/python3 bench/peer/train_speed.py [--steps 20] [--rounds 2] [--size 256] [--batch 4]

Writes random-weight torchvision VGG16 features to a .safetensors file (no download), then per round:
  - PyTorch eager: TransformerNet (tools/python/transformer_net.py) + VGG16 relu1_2/2_2/3_3/4_3, Adam 1e-3,
    content MSE at relu2_2, style MSE of Gram matrices / (C*H*W), 2 threads, in-memory photo batches;
  - Painterly: `painterly train --loss-network vgg16:<file>` and `--loss-network resnet18` on the same photos,
    the images/s its progress reports once warm.
Prints the median images/s of each and the ratio.
"""
import argparse
import json
import os
import re
import statistics
import struct
import subprocess
import sys
import tempfile
import time

import numpy as np
import torch
import torchvision
from PIL import Image

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "tools", "python"))
from transformer_net import TransformerNet  # noqa: E402

PAINTERLY = os.path.join(ROOT, "painterly")
SHARED = os.path.join(ROOT, "..", "shared", "data")


def write_safetensors(path, tensors):
    header, offset, blobs = {}, 0, []
    for name, t in tensors.items():
        data = t.detach().contiguous().numpy().astype("<f4").tobytes()
        header[name] = {"dtype": "F32", "shape": list(t.shape), "data_offsets": [offset, offset + len(data)]}
        offset += len(data)
        blobs.append(data)
    raw = json.dumps(header).encode()
    raw += b" " * (-len(raw) % 8)
    with open(path, "wb") as f:
        f.write(struct.pack("<Q", len(raw)) + raw + b"".join(blobs))


class Vgg16(torch.nn.Module):
    """pytorch/examples' Vgg16: features sliced at relu1_2, relu2_2, relu3_3, relu4_3."""

    def __init__(self, features):
        super().__init__()
        self.slices = torch.nn.ModuleList([features[a:b] for a, b in ((0, 4), (4, 9), (9, 16), (16, 23))])
        for p in self.parameters():
            p.requires_grad = False

    def forward(self, x):
        out = []
        for s in self.slices:
            x = s(x)
            out.append(x)
        return out


def gram(y):
    b, ch, h, w = y.size()
    f = y.view(b, ch, w * h)
    return f.bmm(f.transpose(1, 2)) / (ch * h * w)


def normalize(batch):
    mean = batch.new_tensor([0.485, 0.456, 0.406]).view(-1, 1, 1)
    std = batch.new_tensor([0.229, 0.224, 0.225]).view(-1, 1, 1)
    return (batch / 255.0 - mean) / std


def pytorch_images_per_second(vgg, photos, style, steps, batch):
    net = TransformerNet()
    optimizer = torch.optim.Adam(net.parameters(), 1e-3)
    mse = torch.nn.MSELoss()
    with torch.no_grad():
        style_grams = [gram(f) for f in vgg(normalize(style))]
    times = []
    for step in range(steps + 2):
        x = photos[(step * batch) % len(photos):][:batch]
        start = time.perf_counter()
        optimizer.zero_grad()
        y = net(x)
        fy, fx = vgg(normalize(y)), vgg(normalize(x))
        content = 1e5 * mse(fy[1], fx[1])
        style_loss = 1e10 * sum(mse(gram(a), g.expand(a.size(0), -1, -1)) for a, g in zip(fy, style_grams))
        (content + style_loss).backward()
        optimizer.step()
        if step >= 2:  # warm-up steps excluded
            times.append(time.perf_counter() - start)
    return batch / statistics.median(times)


def painterly_images_per_second(args, loss_network, data, style_path, work, steps):
    run = tempfile.mkdtemp(dir=work)
    out = subprocess.run([PAINTERLY, "train", "--style", style_path, "--data", data, "-o", os.path.join(run, "run"),
                          "--loss-network", loss_network, "--image-size", str(args.size), "--batch-size", str(args.batch),
                          "--channels", "32", "--residual-blocks", "5", "--steps", str(steps), "--sample-every", "100000",
                          "--checkpoint-every", "100000"], check=True, capture_output=True, text=True).stdout
    rates = [float(m) for m in re.findall(r"([0-9.]+) img/s", out)]
    return statistics.median(rates[1:] if len(rates) > 1 else rates)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--steps", type=int, default=20)
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--size", type=int, default=256)
    parser.add_argument("--batch", type=int, default=4)
    args = parser.parse_args()
    torch.set_num_threads(2)
    torch.manual_seed(0)
    work = tempfile.mkdtemp(prefix="painterly-train-speed-")

    features = torchvision.models.vgg16(weights=None).features
    vgg_file = os.path.join(work, "vgg16-random.safetensors")
    write_safetensors(vgg_file, {f"features.{k}": v for k, v in features.state_dict().items()})
    vgg = Vgg16(features).eval()

    # The same photos for both: the first few training photos, centre-cropped to the training size.
    photo_dir = os.path.join(SHARED, "photos")
    data = os.path.join(work, "photos")
    os.makedirs(data)
    names = sorted(n for n in os.listdir(os.path.join(photo_dir, "bsds500")) if n.endswith(".jpg"))[:32]
    arrays = []
    for n in names:
        img = Image.open(os.path.join(photo_dir, "bsds500", n)).convert("RGB")
        s = min(img.size)
        img = img.crop(((img.width - s) // 2, (img.height - s) // 2, (img.width + s) // 2, (img.height + s) // 2))
        img = img.resize((args.size, args.size), Image.BILINEAR)
        img.save(os.path.join(data, n.replace(".jpg", ".png")))
        arrays.append(np.asarray(img, dtype=np.float32).transpose(2, 0, 1))
    photos = torch.from_numpy(np.stack(arrays))
    style_path = os.path.join(SHARED, "styles", "vangogh_starry_night_1889.jpg")
    style_img = Image.open(style_path).convert("RGB")
    style_img = style_img.resize((256, round(256 * style_img.height / style_img.width)))
    style = torch.from_numpy(np.asarray(style_img, dtype=np.float32).transpose(2, 0, 1).copy())[None]

    pt, pv, pr = [], [], []
    for _ in range(args.rounds):
        pt.append(pytorch_images_per_second(vgg, photos, style, args.steps, args.batch))
        pv.append(painterly_images_per_second(args, f"vgg16:{vgg_file}", data, style_path, work, args.steps))
        pr.append(painterly_images_per_second(args, "resnet18", data, style_path, work, args.steps))
    pt, pv, pr = statistics.median(pt), statistics.median(pv), statistics.median(pr)
    print(f"training {args.size}x{args.size} batch {args.batch}, StyleNet 32 ch / 5 blocks, 2 threads:")
    print(f"  pytorch eager, vgg16 taps:   {pt:.2f} img/s")
    print(f"  painterly, vgg16 taps:       {pv:.2f} img/s  ({pv / pt:.2f}x pytorch)")
    print(f"  painterly, resnet18 taps:    {pr:.2f} img/s  ({pr / pt:.2f}x pytorch vgg16)")


if __name__ == "__main__":
    main()
