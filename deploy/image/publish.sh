#!/bin/sh
# The one publish of the operator image: the Dockerfile runs it, and tests/IrOperator.Tests/Deploy/ImagePublishTests
# runs it on the machine (no container engine there) and starts what it produced. docs/image.md explains the choice.
#
#   deploy/image/publish.sh <output folder>      (from the repository root)
set -eu
out="${1:?usage: deploy/image/publish.sh <output folder>}"
dotnet publish src/Operator/IrOperator.csproj \
  --configuration Release \
  --output "$out" \
  --nologo \
  -p:UseAppHost=true
