#!/usr/bin/env bash
# Mutation testing with Stryker.NET (issue 16): mutates a library's code and reruns its tests to
# count the mutants they kill. Slow (minutes to an hour), so it is not part of ./test.sh.
#
#   ./mutation.sh                     Metrics, then Core's Pairing, Harness, Elicitation and Tasks
#   ./mutation.sh metrics             Metrics only
#   ./mutation.sh core                Core's four folders, one Stryker run each
#   ./mutation.sh core Pairing        one of Core's folders (any folder of src/WrongOverWrong.Core)
#   ./mutation.sh core Tasks/Numeric Tasks/.   several folders in one Stryker run; "Tasks/." is the
#                                     folder's own files without its subfolders
#
# Settings live in tests/<project>/stryker-config.json. Reports go to StrykerOutput/<name>/
# (reports/mutation-report.json and .md; ignored by git); tests/mutation/results.md holds the
# committed scores. Runs one test session at a time (--concurrency 1) and niced, so it can share a
# small machine; set STRYKER_CONCURRENCY to use more cores.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
# Stryker gives vstest.console 90 s to start by default, too little on a loaded 2-core machine.
export VSTEST_CONNECTION_TIMEOUT="${VSTEST_CONNECTION_TIMEOUT:-900}"
# Stryker's project analysis (Buildalyzer) waits 10 s for `dotnet --info`; on a loaded machine a
# niced run misses that and fails with "Could not find build environment".
export DOTNET_INFO_WAIT_TIME="${DOTNET_INFO_WAIT_TIME:-600000}"
concurrency="${STRYKER_CONCURRENCY:-1}"
root="$(pwd)"

dotnet tool restore >/dev/null

stryker() { # name, test project folder, extra arguments
  local name="$1" folder="$2"
  shift 2
  echo "== $name"
  (cd "$folder" && nice -n 19 dotnet tool run dotnet-stryker --concurrency "$concurrency" --output "$root/StrykerOutput/$name" "$@")
}

core_folder() {
  # One Stryker run over the given folders of src/WrongOverWrong.Core: each folder's own files and
  # those of its subfolders (Tasks has several), or with "Folder/." the folder's own files only.
  # The report goes to StrykerOutput/core-<folders>, e.g. core-Tasks-NLGraph for Tasks/NLGraph.
  local name="core" mutate=() folder
  for folder in "$@"; do
    if [[ "$folder" == */. ]]; then
      folder="${folder%/.}"
      mutate+=(--mutate "**/WrongOverWrong.Core/$folder/*.cs")
      name+="-${folder//\//-}-files"
    else
      mutate+=(--mutate "**/WrongOverWrong.Core/$folder/*.cs" --mutate "**/WrongOverWrong.Core/$folder/**/*.cs")
      name+="-${folder//\//-}"
    fi
  done
  stryker "$name" tests/WrongOverWrong.Core.Tests "${mutate[@]}"
}

target="${1:-all}"
case "$target" in
  metrics) stryker metrics tests/WrongOverWrong.Metrics.Tests ;;
  core)
    if [ $# -ge 2 ]; then
      core_folder "${@:2}"
    else
      for folder in Pairing Harness Elicitation Tasks; do core_folder "$folder"; done
    fi
    ;;
  all)
    stryker metrics tests/WrongOverWrong.Metrics.Tests
    for folder in Pairing Harness Elicitation Tasks; do core_folder "$folder"; done
    ;;
  *) echo "usage: ./mutation.sh [metrics | core [Folder ...]]" >&2; exit 2 ;;
esac
