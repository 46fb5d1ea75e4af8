#!/usr/bin/env bash
# Builds a self-contained application image of the workbench for Linux (its own Java runtime) with
# the JDK's jpackage, as packaging/README.md describes. Run from the repository root.
set -euo pipefail
mvn -q -DskipTests package
rm -rf target/jpackage-input target/package
mkdir -p target/jpackage-input
cp target/heaviside.jar target/jpackage-input/
jpackage --type app-image --name HeavisideWorkbench \
  --input target/jpackage-input --main-jar heaviside.jar --main-class org.heaviside.launcher.Main \
  --icon assets/heaviside-icon.png --dest target/package
echo "Built target/package/HeavisideWorkbench (start: target/package/HeavisideWorkbench/bin/HeavisideWorkbench)"
