#!/usr/bin/env bash
# Runs every test of UpsellAdmin on a fresh Debian/Ubuntu machine that has the .NET 10 SDK.
#   1. installs what the tests need when it is missing: Debian's Chromium for the Playwright tests
#      (apt-get, as root or through sudo);
#   2. restores the local dotnet-ef tool and builds the solution (warnings are errors);
#   3. generates the SQL Server migration script (artifacts/sqlserver-migrations.sql), so a model that
#      SQL Server cannot take fails here;
#   4. runs `dotnet test UpsellAdmin.sln` and prints one closing line "N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")"

if [ ! -x /usr/bin/chromium ]; then
  echo "== Chromium is missing: installing Debian's chromium for the end-to-end tests"
  SUDO=""
  if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
  if command -v apt-get >/dev/null 2>&1; then
    $SUDO apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq chromium >/dev/null
  else
    echo "apt-get not found: install Chromium at /usr/bin/chromium yourself (the browser tests need it)." >&2
    exit 1
  fi
fi

echo "== Restore and build"
dotnet tool restore >/dev/null
dotnet build UpsellAdmin.sln -c Debug -nologo -v q -clp:ErrorsOnly

echo "== SQL Server migration script (idempotent)"
mkdir -p artifacts
dotnet tool run dotnet-ef migrations script --idempotent --no-build \
  --project src/UpsellAdmin.Web --context SqlServerAppDbContext \
  --output artifacts/sqlserver-migrations.sql >/dev/null
echo "   artifacts/sqlserver-migrations.sql: $(wc -l < artifacts/sqlserver-migrations.sql) lines"

echo "== Tests"
log=$(mktemp)
set +e
dotnet test UpsellAdmin.sln --no-build -nologo -v q --logger "console;verbosity=minimal" 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e
# VSTest prints one summary line per test project ("Passed!  - Failed: 0, Passed: 12, Skipped: 0, ...").
awk '
  /(Passed|Failed)! +- +Failed:/ {
    gsub(",", "");
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:")  failed  += $(i+1);
      if ($i == "Passed:")  passed  += $(i+1);
      if ($i == "Skipped:") skipped += $(i+1);
    }
    projects++
  }
  END {
    printf "Test projects run: %d\n", projects
    printf "Tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped
  }
' "$log"
# The failures again at the end, with their messages, so a CI log cut to its tail still says what failed and why.
if grep -q '^  Failed ' "$log"; then
  echo "== Failed tests"
  awk '/^  Failed / { show = 1 } /^  Stack Trace:/ { show = 0 } show' "$log" | cut -c1-400 | head -120
fi
rm -f "$log"
exit "$status"
