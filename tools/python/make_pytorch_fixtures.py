"""Writes the PyTorch checkpoint fixtures of Painterly.Core.Tests/PyTorch/Fixtures.

Run with Debian's system python, which has torch (the pyenv python first on PATH does not):

    /usr/bin/python3 tools/python/make_pytorch_fixtures.py

The C# tests read these files without torch, so the fixtures and `expected.json` are committed.
`expected.json` names, for each fixture, every tensor the reader must return (in order) with its
dtype, shape and the SHA-256 of its values as contiguous little-endian bytes of that dtype (float64
and integer tensors are hashed as float32, which is what the reader converts them to). Hashes keep
the folder small (< 1 MB) while still checking every bit.

The evil fixtures are hand-assembled pickles calling os.system('touch /tmp/painterly-pwned-...'); the
script checks they really are live (plain pickle.loads creates the marker) and removes the marker.
"""
import collections
import hashlib
import io
import json
import os
import pickle
import struct
import sys
import zipfile

import numpy as np
import torch
from torch import nn

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from transformer_net import TransformerNet  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
OUT = os.path.join(ROOT, "tests", "Painterly.Core.Tests", "PyTorch", "Fixtures")
MARKER_ZIP = "/tmp/painterly-pwned-zip"
MARKER_LEGACY = "/tmp/painterly-pwned-legacy"

# Little-endian numpy dtype each torch dtype is hashed as; bfloat16 has no numpy dtype (see tensor_bytes).
HASHED_AS = {
    torch.float32: ("F32", "<f4"),
    torch.float16: ("F16", "<f2"),
    torch.bfloat16: ("BF16", None),
    torch.float64: ("F64", "<f4"),
    torch.int64: ("I64", "<f4"),
    torch.int32: ("I32", "<f4"),
}


def tensor_bytes(t):
    t = t.detach().contiguous()
    if t.dtype == torch.bfloat16:
        # bfloat16 is the top half of float32: widen exactly, keep the high 16 bits.
        bits = t.float().numpy().astype("<f4").view("<u4") >> 16
        return bits.astype("<u2").tobytes()
    return t.numpy().astype(HASHED_AS[t.dtype][1]).tobytes()


def describe(tensors):
    return [
        {
            "name": name,
            "dtype": HASHED_AS[t.dtype][0],
            "shape": list(t.shape),
            "sha256": hashlib.sha256(tensor_bytes(t)).hexdigest(),
        }
        for name, t in tensors.items()
    ]


def save(name, obj, legacy=False):
    path = os.path.join(OUT, name)
    torch.save(obj, path, _use_new_zipfile_serialization=not legacy)
    return path


def with_stale_stats(state, net):
    """The state_dict with InstanceNorm running stats after every norm's bias, as torch < 0.4 saved them."""
    norms = {n for n, m in net.named_modules() if isinstance(m, nn.InstanceNorm2d)}
    stale = collections.OrderedDict()
    for key, value in state.items():
        stale[key] = value
        prefix, _, leaf = key.rpartition(".")
        if prefix in norms and leaf == "bias":
            stale[prefix + ".running_mean"] = torch.randn(value.shape[0]) * 0.1
            stale[prefix + ".running_var"] = torch.rand(value.shape[0]) + 0.5
    return stale


def op_unicode(text):
    data = text.encode("utf-8")
    return b"X" + struct.pack("<I", len(data)) + data


def op_short_unicode(text):
    data = text.encode("utf-8")
    return b"\x8c" + bytes([len(data)]) + data


def evil_protocol2(marker):
    """{'conv1.conv2d.weight': os.system('touch MARKER')} with GLOBAL, as a __reduce__ would pickle it."""
    return (
        b"\x80\x02"  # PROTO 2
        + b"}q\x00"  # EMPTY_DICT, BINPUT 0
        + op_unicode("conv1.conv2d.weight") + b"q\x01"
        + b"cos\nsystem\nq\x02"  # GLOBAL os.system
        + op_unicode("touch " + marker) + b"q\x03"
        + b"\x85q\x04"  # TUPLE1
        + b"Rq\x05"  # REDUCE: this is where an unrestricted unpickler runs the command
        + b"s."  # SETITEM, STOP
    )


def evil_protocol4(marker):
    """The same payload with STACK_GLOBAL inside a FRAME, as protocol 4 pickles it."""
    body = (
        b"}\x94"
        + op_short_unicode("conv1.conv2d.weight") + b"\x94"
        + op_short_unicode("os") + b"\x94"
        + op_short_unicode("system") + b"\x94"
        + b"\x93\x94"  # STACK_GLOBAL, MEMOIZE
        + op_short_unicode("touch " + marker) + b"\x94"
        + b"\x85\x94R\x94s."
    )
    return b"\x80\x04\x95" + struct.pack("<Q", len(body)) + body


def check_live(payload, marker):
    """Proves the payload runs a command under plain pickle, so the C# test's absent marker means something."""
    if os.path.exists(marker):
        os.remove(marker)
    pickle.loads(payload)
    assert os.path.exists(marker), f"payload did not create {marker}"
    os.remove(marker)


def write_evil_zip(marker):
    payload = evil_protocol2(marker)
    check_live(payload, marker)
    with zipfile.ZipFile(os.path.join(OUT, "evil.pth"), "w", zipfile.ZIP_STORED) as z:
        z.writestr("evil/data.pkl", payload)
        z.writestr("evil/version", "3\n")


def write_evil_legacy(marker):
    payload = evil_protocol4(marker)
    check_live(payload, marker)
    sys_info = dict(protocol_version=1001, little_endian=True, type_sizes=dict(short=2, int=4, long=8))
    with open(os.path.join(OUT, "evil-legacy.pth"), "wb") as f:
        f.write(pickle.dumps(0x1950A86A20F9469CFC6C, protocol=2))
        f.write(pickle.dumps(1001, protocol=2))
        f.write(pickle.dumps(sys_info, protocol=2))
        f.write(payload)
        f.write(pickle.dumps([], protocol=2))


def main():
    os.makedirs(OUT, exist_ok=True)
    for old in os.listdir(OUT):
        os.remove(os.path.join(OUT, old))
    expected = {}

    torch.manual_seed(0)
    net = TransformerNet(channels=8, residual_blocks=2)
    state = net.state_dict()
    save("transformer-c8.pth", state)
    save("transformer-c8-legacy.pth", state, legacy=True)
    expected["transformer-c8.pth"] = expected["transformer-c8-legacy.pth"] = describe(state)

    stale = with_stale_stats(state, net)
    save("transformer-c8-legacy-stale.model", stale, legacy=True)
    expected["transformer-c8-legacy-stale.model"] = describe(stale)

    half = collections.OrderedDict((k, v.half()) for k, v in state.items())
    save("transformer-c8-fp16.pth", half)
    expected["transformer-c8-fp16.pth"] = describe(half)

    # A second full network in float32 would push the folder past 1 MB; float16 keeps it at half the size.
    torch.manual_seed(1)
    transposed = collections.OrderedDict(
        (k, v.half()) for k, v in TransformerNet(channels=8, residual_blocks=2, upsample="transposed").state_dict().items())
    save("transformer-c8-transposed-fp16.pth", transposed)
    expected["transformer-c8-transposed-fp16.pth"] = describe(transposed)

    # Views of one storage: offsets, a transpose, steps, a broadcast (stride 0), a 0-d element, an empty slice.
    torch.manual_seed(2)
    base = torch.randn(5, 7)
    views = collections.OrderedDict([
        ("base", base),
        ("transposed", base.t()),
        ("every_other_column", base[1:4, ::2]),
        ("broadcast_row", base[2].expand(3, 7)),
        ("scalar", base[4, 6]),
        ("empty", base[:0]),
    ])
    save("noncontiguous.pth", views)
    save("noncontiguous-legacy.pth", views, legacy=True)
    expected["noncontiguous.pth"] = expected["noncontiguous-legacy.pth"] = describe(views)

    torch.manual_seed(3)
    x = torch.randn(2, 3) * 100
    dtypes = collections.OrderedDict([
        ("f32", x),
        ("f16", x.half()),
        ("bf16", x.bfloat16()),
        ("f64", x.double() / 3),
        ("i64", torch.arange(-3, 3, dtype=torch.int64).reshape(2, 3)),
        ("i32", torch.arange(5, 11, dtype=torch.int32).reshape(2, 3)),
    ])
    save("dtypes.pth", dtypes)
    expected["dtypes.pth"] = describe(dtypes)

    # A training checkpoint: the weights of a DataParallel model next to other Python values.
    torch.manual_seed(4)
    model = nn.DataParallel(nn.Conv2d(2, 3, 1))
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    checkpoint = {
        "epoch": 7,
        "model": model.state_dict(),
        "optimizer": optimizer.state_dict(),
        "loss": 0.125,
        "note": "caf\u00e9 \u2615",
        "big": 2 ** 70,
        "flags": (True, False, None),
    }
    save("wrapped-dataparallel.pth", checkpoint)
    expected["wrapped-dataparallel.pth"] = describe(
        collections.OrderedDict((k[len("module."):], v) for k, v in model.state_dict().items()))

    write_evil_zip(MARKER_ZIP)
    write_evil_legacy(MARKER_LEGACY)

    with open(os.path.join(OUT, "expected.json"), "w", encoding="utf-8") as f:
        json.dump(expected, f, indent=1)
        f.write("\n")

    total = sum(os.path.getsize(os.path.join(OUT, n)) for n in os.listdir(OUT))
    assert total < 1_000_000, f"fixtures take {total} bytes"
    print(f"wrote {len(os.listdir(OUT))} files, {total} bytes, to {OUT} (torch {torch.__version__})")


if __name__ == "__main__":
    main()
