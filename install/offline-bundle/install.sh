#!/usr/bin/env bash
# Installs Hausmeter from this unpacked bundle on a Debian/Ubuntu/Raspberry Pi OS server, offline.
# Needs a Java 17+ runtime already installed (Debian: openjdk-17-jre-headless, from the install media).
# Usage: sudo ./install.sh
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
command -v java >/dev/null || { echo "install.sh: no java on PATH; install a Java 17+ runtime first" >&2; exit 2; }
(cd "$here" && sha256sum --quiet -c SHA256SUMS) || { echo "install.sh: bundle is damaged (checksum mismatch)" >&2; exit 2; }
id hausmeter >/dev/null 2>&1 || useradd --system --home-dir /var/lib/hausmeter --create-home --groups dialout hausmeter
install -d -o root -g root /opt/hausmeter
rm -rf /opt/hausmeter/app && cp -r "$here/app" /opt/hausmeter/app
install -d -o hausmeter -g hausmeter /var/lib/hausmeter /var/lib/hausmeter/config
[ -d /var/lib/hausmeter/modbus-bus-config ] || cp -r "$here/modbus-bus-config" /var/lib/hausmeter/
chown -R hausmeter:hausmeter /var/lib/hausmeter
install -m 0644 "$here/hausmeter.service" /etc/systemd/system/hausmeter.service
systemctl daemon-reload
systemctl enable --now hausmeter
echo "Hausmeter installed; it answers on http://$(hostname):8080/ once started (journalctl -u hausmeter -f)."
