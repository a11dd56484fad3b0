#!/usr/bin/env bash
# Runs the main job (samples/WrongOverWrong.MainJob). Arguments are passed to the program.
set -euo pipefail
cd "$(dirname "$0")"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1
exec dotnet run -c Release --project samples/WrongOverWrong.MainJob -- "$@"
