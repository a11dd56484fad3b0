#!/usr/bin/env bash
# The same work in PyTorch, side by side (issue 14, section 3).
#
#   benchmarks/peer/run-peer.sh [--threads N] [--rounds N] [--smoke] [--out DIR] [--name STEM] [--note TEXT] [size options]
#
# Installs Debian's python3-torch (PyTorch 1.13) and libopenblas0 with apt-get when missing (and
# says so), builds the benchmarks project, then runs each task (fp32 matmul, DPO step, scoring,
# KV-cache sampling) as one process per side per round: ours (`WrongOverWrong.Benchmarks --
# peer-side`) and PyTorch (benchmarks/peer/peer.py), same configuration, threads and batch,
# interleaved, alternating which side goes first. Writes STEM.md / .json / .jsonl (raw lines) to
# DIR (defaults benchmarks/results and peer-pytorch). Size options (--pairs 2, --new-tokens 64, ...) go to
# both sides unchanged; see `/usr/bin/python3 benchmarks/peer/peer.py --help`. On a shared machine run the
# whole script under `nice -n 19`: both sides inherit the same priority.
set -euo pipefail
cd "$(dirname "$0")/../.."
invocation="benchmarks/peer/run-peer.sh $*"

threads=2
rounds=4
out=benchmarks/results
name=peer-pytorch
note=""
sizes=()
smoke=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --threads) threads="$2"; shift 2 ;;
    --rounds) rounds="$2"; shift 2 ;;
    --out) out="$2"; shift 2 ;;
    --name) name="$2"; shift 2 ;;
    --note) note="$2"; shift 2 ;;
    --smoke) smoke=1; shift ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    --*) sizes+=("$1" "$2"); shift 2 ;;
    *) echo "unknown argument: $1" >&2; exit 2 ;;
  esac
done
if [[ $smoke == 1 ]]; then
  # Plumbing check: a tiny model, one round.
  rounds=1
  sizes=(--vocab 2000 --hidden 128 --layers 2 --heads 4 --kv-heads 2 --intermediate 256 --pairs 2 --prompt 32 --completion 32 --score-pairs 2 --samples 10 --new-tokens 16 --sample-prompt 16 --repeats 1 "${sizes[@]}")
fi

python=/usr/bin/python3   # Debian's interpreter: python3-torch installs into its dist-packages
sudo=""; [[ $(id -u) != 0 ]] && sudo="sudo"
missing=()
"$python" -c "import torch" 2>/dev/null || missing+=(python3-torch)
dpkg -s libopenblas0 >/dev/null 2>&1 || missing+=(libopenblas0)
if [[ ${#missing[@]} -gt 0 ]]; then
  echo "run-peer: ${missing[*]} missing: installing with apt-get (Debian's PyTorch 1.13; OpenBLAS so its BLAS is not the reference one)"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
blas=$(readlink -f /etc/alternatives/libblas.so.3-x86_64-linux-gnu 2>/dev/null || echo unknown)
if [[ $blas != *openblas* ]]; then
  echo "run-peer: warning: libblas.so.3 points at $blas, not OpenBLAS; PyTorch's matmul will be slow" >&2
fi

# OpenBLAS picks its kernels by CPU model; 0.3.21 (Debian 12) does not know newer ones and falls
# back to "Prescott" (SSE3) kernels, 5-10x slower than its AVX2/AVX-512 ones. Name the newest core
# type the CPU supports then (an OPENBLAS_CORETYPE set by the caller is kept).
detected=$(OPENBLAS_VERBOSE=2 "$python" -c "import torch; torch.ones(64, 64) @ torch.ones(64, 64)" 2>&1 | sed -n 's/^Core: //p' | head -n 1)
if [[ -z ${OPENBLAS_CORETYPE:-} ]] && [[ $detected =~ ^(Prescott|Katmai|Coppermine|Northwood|Core2|Penryn|Dunnington|Nehalem|Sandybridge)$ ]]; then
  if grep -qw avx512f /proc/cpuinfo; then export OPENBLAS_CORETYPE=SkylakeX
  elif grep -qw avx2 /proc/cpuinfo; then export OPENBLAS_CORETYPE=Haswell; fi
  [[ -n ${OPENBLAS_CORETYPE:-} ]] && echo "run-peer: OpenBLAS detected core '$detected' on this CPU, which has $( [[ $OPENBLAS_CORETYPE == SkylakeX ]] && echo AVX-512 || echo AVX2 ); setting OPENBLAS_CORETYPE=$OPENBLAS_CORETYPE"
fi
openblas_core="${OPENBLAS_CORETYPE:-$detected} (detected: ${detected:-?}${OPENBLAS_CORETYPE:+, set by OPENBLAS_CORETYPE})"

echo "run-peer: building benchmarks/WrongOverWrong.Benchmarks (Release)"
dotnet build -c Release -m:1 --nologo -v q benchmarks/WrongOverWrong.Benchmarks >/dev/null
ours=benchmarks/WrongOverWrong.Benchmarks/bin/Release/net10.0/WrongOverWrong.Benchmarks

# Both runtimes get the same thread settings (libtorch's pool, OpenMP, OpenBLAS's own pool, MKL).
export OMP_NUM_THREADS=$threads OPENBLAS_NUM_THREADS=$threads MKL_NUM_THREADS=$threads
mkdir -p "$out"
raw="$out/$name.jsonl"
: > "$raw"
load_before=$(cut -d' ' -f1-3 /proc/loadavg)
started=$(date -u +%Y-%m-%dT%H:%M:%SZ)
run_ours() { "$ours" peer-side "$1" "$threads" "${sizes[@]}" | tail -n 1; }
run_peer() { "$python" benchmarks/peer/peer.py "$1" --threads "$threads" "${sizes[@]}" | tail -n 1; }
{ run_ours info; run_peer info; } >> "$raw"
for ((round = 1; round <= rounds; round++)); do
  for task in matmul dpo dpo-concat score sample; do
    if (( round % 2 == 1 )); then order=(ours peer); else order=(peer ours); fi
    for side in "${order[@]}"; do
      if [[ $side == peer && $task == dpo-concat ]]; then
        # PyTorch's side of the concatenated row is its one DPO step, run again in this row's slot.
        line=$(run_peer dpo | sed 's/"task": "dpo"/"task": "dpo-concat"/')
      else
        line=$("run_$side" "$task")
      fi
      echo "${line%\}}, \"round\": $round}" | tee -a "$raw" | cut -c1-160
    done
  done
done
load_after=$(cut -d' ' -f1-3 /proc/loadavg)

"$python" benchmarks/peer/summarize.py "$raw" "$out/$name" \
  --command "$invocation" --started "$started" --threads "$threads" \
  --load "$load_before" "$load_after" --niceness "$(nice)" --openblas-core "$openblas_core" --note "$note"
echo "run-peer: wrote $out/$name.md and .json"
