#!/usr/bin/env bash
# Builds the solution and runs every test project, then prints one line totalled over all of them:
#   N passed, N failed, N skipped
# Needs only the .NET 10 SDK; NuGet restores everything else (TorchSharp's CPU natives included).
set -uo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

results="$(mktemp -d)"
trap 'rm -rf "$results"' EXIT

status=0
dotnet build WrongOverWrong.sln -c Release || exit 1
# One run per test project so each writes its own result file (names cannot collide).
for project in tests/*/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  dotnet test "$project" -c Release --no-build --logger "trx;LogFileName=$name.trx" --results-directory "$results" "$@" || status=1
done

passed=0; failed=0; skipped=0; files=0
for trx in "$results"/*.trx; do
  [ -f "$trx" ] || continue
  files=$((files + 1))
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -n 1)
  get() { echo "$counters" | sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p"; }
  passed=$((passed + $(get passed)))
  failed=$((failed + $(get failed) + $(get error) + $(get timeout) + $(get aborted)))
  # VSTest leaves notExecuted at 0 for skipped xunit tests; they show as total minus executed.
  skipped=$((skipped + $(get total) - $(get executed)))
done

if [ "$files" -eq 0 ] && [ "$status" -eq 0 ]; then
  echo "No test results were written." >&2
  status=1
fi
echo "$passed passed, $failed failed, $skipped skipped"
exit "$status"
