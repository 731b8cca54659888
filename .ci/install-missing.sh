# Sourced by the .ci scripts: installs Debian packages that are missing, with sudo when not root.
# Usage: install_missing <label> <package>...   (does nothing without packages)
install_missing() {
  local label="$1"
  shift
  [ "$#" -gt 0 ] || return 0
  echo "$label: installing $*"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}
