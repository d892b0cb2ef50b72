"""Writes docs/gallery.jpg: the built-in test scene, then the same scene in every built-in style; with --mobile,
docs/gallery-mobile.jpg: each style that has a mobile form beside it (full, mobile, full, mobile, ...).

    /usr/bin/python3 tools/python/make_gallery.py [--side 256] [--columns 3]
    /usr/bin/python3 tools/python/make_gallery.py --mobile --side 192 --columns 4

Nothing here comes from a photo: the scene is Painterly's own rendering (`painterly stylize` with no input), so the
picture may be committed. Needs Debian's python3-pil. The order is `painterly styles --json` (the default first,
`seeded` left out); the README names the tiles below the picture.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

from PIL import Image

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def painterly(*args):
    return subprocess.run([os.path.join(ROOT, "painterly"), *args], check=True, capture_output=True, text=True).stdout


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--side", type=int, default=256)
    parser.add_argument("--columns", type=int, default=3)
    parser.add_argument("--mobile", action="store_true", help="each style beside its mobile form")
    parser.add_argument("-o", "--output")
    args = parser.parse_args()
    output = args.output or os.path.join(ROOT, "docs", "gallery-mobile.jpg" if args.mobile else "gallery.jpg")
    names = [s["name"] for s in json.loads(painterly("styles", "--json")) if s["name"] != "seeded"]
    full = [n for n in names if not n.endswith("-mobile")]
    with tempfile.TemporaryDirectory() as scratch:
        tiles = []
        if args.mobile:
            styles = [name for n in full if n + "-mobile" in names for name in (n, n + "-mobile")]
        else:
            # The scene itself: the 'seeded' style at strength 0 returns the input unchanged.
            scene = os.path.join(scratch, "scene.png")
            painterly("stylize", "--style", "seeded", "--strength", "0", "--scene-size", str(args.side), "-o", scene)
            tiles.append(("test scene", scene))
            styles = full
        for name in styles:
            out = os.path.join(scratch, name + ".png")
            painterly("stylize", "--style", name, "--scene-size", str(args.side), "-o", out)
            tiles.append((name, out))
        columns = min(args.columns, len(tiles))
        rows = (len(tiles) + columns - 1) // columns
        gap = 4
        sheet = Image.new("RGB", (columns * (args.side + gap) - gap, rows * (args.side + gap) - gap), "white")
        for i, (_, path) in enumerate(tiles):
            with Image.open(path) as tile:
                sheet.paste(tile.convert("RGB"), ((i % columns) * (args.side + gap), (i // columns) * (args.side + gap)))
        sheet.save(output, quality=88)
    print(f"{output}: " + ", ".join(name for name, _ in tiles))


if __name__ == "__main__":
    sys.exit(main())
