# Shared helpers for .ci/run and the other .ci scripts (sourced, not run).

CI_STARTED_AT=${CI_STARTED_AT:-$(date +%s)}
export CI_STARTED_AT

# Prints a section header with the wall-clock and elapsed time.
section() {
  local now elapsed
  now=$(date +%s)
  elapsed=$((now - CI_STARTED_AT))
  printf '\n========================================================================\n'
  printf '== %s   [%s, +%dm%02ds]\n' "$*" "$(date -u +%H:%M:%SZ)" $((elapsed / 60)) $((elapsed % 60))
  printf '========================================================================\n'
}

# Runs a command as root: directly when we are root (CI), through sudo otherwise.
as_root() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi
}
