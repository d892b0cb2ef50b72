"""A stylize job done the way pytorch/examples' `neural_style.py eval` does it, for end-to-end timing.

usage: neural_style_eval.py --model M.safetensors --content in.png --output out.png [--threads 2]
Loads the Painterly model file into the pytorch/examples TransformerNet (same keys), stylizes, saves.
"""
import argparse
import os
import sys

import torch
from PIL import Image
from torchvision import transforms

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "tools", "python"))
from transformer_net import load_painterly_model  # noqa: E402


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--model", required=True)
    parser.add_argument("--content", required=True)
    parser.add_argument("--output", required=True)
    parser.add_argument("--threads", type=int, default=2)
    args = parser.parse_args()
    torch.set_num_threads(args.threads)

    content = Image.open(args.content).convert("RGB")
    content = transforms.Compose([transforms.ToTensor(), transforms.Lambda(lambda x: x.mul(255))])(content)
    content = content.unsqueeze(0)
    with torch.no_grad():
        model = load_painterly_model(args.model)
        output = model(content)
    img = output[0].clone().clamp(0, 255).numpy()
    img = img.transpose(1, 2, 0).astype("uint8")
    Image.fromarray(img).save(args.output)


if __name__ == "__main__":
    main()
