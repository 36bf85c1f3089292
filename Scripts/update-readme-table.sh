#!/usr/bin/env bash
# Regenerates the model table in README.md from `netcost compare Models/*.json --format markdown`
# (ReadmeTests fails when the table and the models disagree).
set -euo pipefail
cd "$(dirname "$0")/.."
netcost="${NETCOST:-.build/debug/netcost}"
table="$("$netcost" compare Models/*.json --format markdown)"
python3 - "$table" <<'PY'
import sys, re
table = sys.argv[1] + "\n"
text = open("README.md").read()
begin = text.index("<!-- compare:begin")
start = text.index("-->\n", begin) + 4
end = text.index("<!-- compare:end -->")
open("README.md", "w").write(text[:start] + table + text[end:])
PY
echo "README.md table updated"
