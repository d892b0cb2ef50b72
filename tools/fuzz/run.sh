#!/usr/bin/env bash
# Fuzzes one Painterly file reader with AFL++ through SharpFuzz for a given time, then prints the figures.
#
#   tools/fuzz/run.sh TARGET SECONDS        TARGET: safetensors, onnx, mlmodel, pth or image
#
# Needs afl-fuzz (Debian: apt-get install afl++) and sharpfuzz (dotnet tool install --global
# SharpFuzz.CommandLine --version 2.3.0). It publishes fuzz/Painterly.Fuzz (Release) into a work folder outside
# the repository (again only when a source file changed since), instruments a copy of the Painterly assemblies,
# writes the seeds (Painterly's own writers, plus the committed test fixtures under 100 KB), and runs afl-fuzz for
# SECONDS. Everything stays in the work folder $PAINTERLY_FUZZ_DIR (default ${TMPDIR:-/tmp}/painterly-fuzz):
# build/ (the plain harness), and per target TARGET/bin (instrumented), TARGET/seeds and TARGET/findings (crashes/
# and hangs/ under default/). Replay a finding with the plain build, which prints the exception and its stack trace:
#   dotnet WORK/build/Painterly.Fuzz.dll TARGET FILE...
# (the instrumented copy only runs under afl-fuzz).
#
# The machine is shared: run it at low priority, e.g. setsid nice -n 19 tools/fuzz/run.sh pth 600.
# FUZZ_TIMEOUT_MS (default 10000) is AFL++'s hang limit per input; FUZZ_HEAP_LIMIT (default 0x40000000, 1 GiB)
# caps the managed heap, so an allocation sized by a number from the file fails as a crash.
set -euo pipefail

targets="safetensors onnx mlmodel pth image"
if [ $# -ne 2 ] || [[ " $targets " != *" $1 "* ]] || ! [[ $2 =~ ^[0-9]+$ ]]; then
  echo "usage: $0 TARGET SECONDS (TARGET: ${targets// /, })" >&2
  exit 2
fi
target=$1 seconds=$2
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
base="${PAINTERLY_FUZZ_DIR:-${TMPDIR:-/tmp}/painterly-fuzz}"
build="$base/build" work="$base/$target"
export PATH="$PATH:$HOME/.dotnet/tools"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
for tool in afl-fuzz sharpfuzz dotnet; do
  command -v "$tool" >/dev/null || { echo "$tool is not installed (see the top of $0)" >&2; exit 1; }
done

# The plain build is kept between runs and redone only when a source it is built from changed.
sources=("$root/src" "$root/fuzz" "$root/tests/Painterly.Core.Tests/Images/TestImages.cs" "$root"/Directory.*)
if [ ! -f "$build/.built" ] || [ -n "$(find "${sources[@]}" -newer "$build/.built" -type f \
    -not -path '*/bin/*' -not -path '*/obj/*' -not -path '*/node_modules/*' -print -quit)" ]; then
  echo "building the harness into $build"
  rm -rf "$build"
  mkdir -p "$base"
  dotnet publish "$root/fuzz/Painterly.Fuzz/Painterly.Fuzz.csproj" -c Release -o "$build" --nologo -v quiet >"$base/build.log" 2>&1 \
    || { cat "$base/build.log" >&2; exit 1; }
  touch "$build/.built"
fi

# A fresh instrumented copy each run: sharpfuzz rewrites the assemblies in place.
rm -rf "$work"
mkdir -p "$work"
cp -r "$build" "$work/bin"
dotnet "$build/Painterly.Fuzz.dll" seeds "$target" "$work/seeds"
case $target in
  pth) fixtures=("$root"/tests/Painterly.Core.Tests/PyTorch/Fixtures/*.pth) ;;
  onnx) fixtures=("$root"/tests/Painterly.CoreML.Tests/Fixtures/Onnx/*.onnx) ;;
  *) fixtures=() ;;
esac
for f in "${fixtures[@]}"; do
  # Small seeds only: AFL++ is slow on large inputs and spends its time on weights, not structure.
  if [ "$(stat -c %s "$f")" -lt 102400 ]; then cp "$f" "$work/seeds/"; fi
done
echo "$(ls "$work/seeds" | wc -l) seeds"

for dll in Painterly.Core.dll Painterly.Onnx.dll Painterly.CoreML.dll; do
  sharpfuzz "$work/bin/$dll" >/dev/null
done

dict=()
[ -f "$root/tools/fuzz/dict/$target.dict" ] && dict=(-x "$root/tools/fuzz/dict/$target.dict")

# dotnet is not an instrumented binary (the instrumentation is in the assemblies), hence AFL_SKIP_BIN_CHECK.
export AFL_SKIP_BIN_CHECK=1 AFL_SKIP_CPUFREQ=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 AFL_NO_AFFINITY=1 AFL_NO_UI=1
export DOTNET_GCHeapHardLimit="${FUZZ_HEAP_LIMIT:-0x40000000}"
echo "fuzzing $target for $seconds s; log: $work/afl.log"
afl-fuzz -i "$work/seeds" -o "$work/findings" -m none -t "${FUZZ_TIMEOUT_MS:-10000}" -V "$seconds" "${dict[@]}" \
  -- dotnet "$work/bin/Painterly.Fuzz.dll" "$target" >"$work/afl.log" 2>&1 || { tail -40 "$work/afl.log" >&2; exit 1; }

stats="$work/findings/default/fuzzer_stats"
stat() { awk -F' *: *' -v k="$1" '$1 == k { print $2 }' "$stats"; }
crashes=$(find "$work/findings/default/crashes" -type f -name 'id:*' | wc -l)
hangs=$(find "$work/findings/default/hangs" -type f -name 'id:*' | wc -l)
echo "target:      $target"
echo "run time:    $(stat run_time) s"
echo "executions:  $(stat execs_done)"
echo "execs/s:     $(stat execs_per_sec)"
echo "corpus:      $(stat corpus_count) inputs"
echo "crashes:     $crashes"
echo "hangs:       $hangs"
[ "$crashes" -eq 0 ] && [ "$hangs" -eq 0 ] || echo "findings:    $work/findings/default/{crashes,hangs}"
