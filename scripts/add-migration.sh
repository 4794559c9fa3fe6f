#!/usr/bin/env bash
# Adds a migration with the same name to both provider assemblies (ADR 0002).
# Usage: scripts/add-migration.sh NameInPascalCase
set -euo pipefail
name=${1:?usage: scripts/add-migration.sh MigrationName}
cd "$(dirname "$0")/.."
dotnet tool restore >/dev/null
dotnet build src/Entente -v q -nologo
for provider in Sqlite Postgres; do
  echo "== $provider"
  Entente__Database__Provider=$provider \
  ConnectionStrings__Entente="$([ $provider = Postgres ] && echo 'Host=localhost;Database=design_time' || echo 'Data Source=design-time.db')" \
  dotnet ef migrations add "$name" \
    --project "src/Entente.Migrations.$provider" \
    --startup-project src/Entente \
    --output-dir Migrations \
    --no-build
done
rm -f src/Entente/design-time.db
