#!/usr/bin/env bash
# Checks an .mlpackage with Apple's own code, from a checkout of Apple's open-source coremltools:
#  1. protoc decodes model.mlmodel against Apple's complete schema (mlmodel/format) with no unknown fields;
#  2. Apple's MIL blob reader reads every weight the program points at;
#  3. Apple's blob writer, given the same blobs, writes a byte-identical weight.bin.
# Needs g++ and protoc. Usage: tools/coreml/check_mlpackage.sh COREMLTOOLS_CHECKOUT PACKAGE.mlpackage
set -euo pipefail
ct="$(cd "$1" && pwd)"; package="$2"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
model="$package/Data/com.apple.CoreML/model.mlmodel"; weights="$package/Data/com.apple.CoreML/weights/weight.bin"

protoc --proto_path="$ct/mlmodel/format" --decode=CoreML.Specification.Model Model.proto < "$model" > "$work/model.txt"
if grep -qE '^\s*[0-9]+:' "$work/model.txt"; then echo "unknown fields in model.mlmodel" >&2; exit 1; fi
echo "protoc: model.mlmodel decodes against Apple's schema, no unknown fields"

src="$ct/mlmodel/src"
g++ -std=c++17 -O1 -I"$src" -I"$ct/deps/FP16/include" "$here/milblob_check.cpp" \
  "$src"/MILBlob/Blob/{StorageReader,StorageWriter,FileWriter,MMapFileReader,MMapFileReaderFactory}.cpp \
  "$src"/MILBlob/{Fp16,Fp8,SubByteTypes}.cpp -o "$work/milblob_check"

offsets=$(grep -A1 'fileName: "@model_path/weights/weight.bin"' "$work/model.txt" | awk '/offset/ {print $2}')
"$work/milblob_check" read "$weights" $offsets | tail -1
"$work/milblob_check" rewrite "$weights" "$work/apple.bin"
cmp "$weights" "$work/apple.bin"
echo "Apple's blob reader read $(echo $offsets | wc -w) weights; its writer gives a byte-identical weight.bin"
