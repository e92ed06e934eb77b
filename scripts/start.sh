#!/usr/bin/env bash
# `npm start`: installs what is missing, builds the engine and the JavaScript, and serves DynamoDB's
# HTTP API from Node (js/server/cli.ts, `npx do-dynamodb`) on 127.0.0.1:${PORT:-8000}, data under
# ./.data. DYNAMODB_SHARDS, DYNAMODB_ACCESS_KEYS and DYNAMODB_AUTH apply as in the Worker.
# `npm run start:worker` (--worker) serves the Worker under `wrangler dev` instead (workerd itself).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
scripts/build.sh --wasm-only
port="${PORT:-8000}"
cat <<MSG

do-dynamodb: DynamoDB-compatible endpoint at http://127.0.0.1:${port} (data in ./.data)
  AWS CLI:  AWS_ACCESS_KEY_ID=local AWS_SECRET_ACCESS_KEY=local \\
            aws dynamodb --endpoint-url http://127.0.0.1:${port} --region us-east-1 list-tables
  AWS SDK:  new DynamoDBClient({ endpoint: "http://127.0.0.1:${port}", region: "us-east-1",
                                 credentials: { accessKeyId: "local", secretAccessKey: "local" } })

MSG
if [ "${1:-}" != "--worker" ]; then
  npm run --silent build:js >/dev/null
  exec node dist/js/server/cli.js --port "$port" --data .data/local
fi
exec npx wrangler dev --ip 127.0.0.1 --port "$port" --persist-to .data ${DYNAMODB_ACCESS_KEYS:+--var "DYNAMODB_ACCESS_KEYS:$DYNAMODB_ACCESS_KEYS"} ${DYNAMODB_SHARDS:+--var "DYNAMODB_SHARDS:$DYNAMODB_SHARDS"} ${DYNAMODB_JURISDICTION:+--var "DYNAMODB_JURISDICTION:$DYNAMODB_JURISDICTION"} ${DYNAMODB_LOCATION_HINT:+--var "DYNAMODB_LOCATION_HINT:$DYNAMODB_LOCATION_HINT"} --var "DYNAMODB_AUTH:${DYNAMODB_AUTH:-$({ [ -n "${DYNAMODB_ACCESS_KEYS:-}" ] || grep -qsE '^\s*DYNAMODB_ACCESS_KEYS\s*=' .dev.vars .env; } && echo required || echo any-signature)}" # auth: README "Authentication"
