#!/usr/bin/env bash
# Builds the offline bundles: one archive per architecture, everything a Debian 12 building server without
# internet needs to run Hausmeter:
#   target/hausmeter-<version>-linux-amd64.tar.gz and target/hausmeter-<version>-linux-arm64.tar.gz
# each holding
#   app/                 the packaged server (embedded PostgreSQL 17 and Redis 6.2 binaries for amd64 and arm64
#                        inside its jars)
#   debs/                Debian 12's openjdk-17-jre-headless and openssl for that architecture with all their
#                        dependencies, as a local APT repository (Packages index); install.sh installs from it
#   modbus-bus-config/   register maps (models/), charger profiles (chargers/), the demo building
#   hausmeter.service, install.sh, README.txt, VERSION, ARCH, SHA256SUMS
#
# One command on the developer machine (Debian 12 with apt and dpkg-dev; it fetches the .deb files from the
# machine's own Debian sources, so the runtime is Debian's with its security updates as of the build):
#   mvn -DskipTests package && install/offline-bundle/build.sh            # both architectures
#   install/offline-bundle/build.sh amd64                                  # one
# HAUSMETER_APT_SOURCES=FILE takes the Debian sources (deb822 .sources or one-line .list) from FILE instead.
set -euo pipefail
cd "$(dirname "$0")/../.."
root="$(pwd)"
app=target/quarkus-app
[ -f "$app/quarkus-run.jar" ] || { echo "build.sh: no packaged server, run: mvn -DskipTests package" >&2; exit 2; }
command -v dpkg-scanpackages >/dev/null || { echo "build.sh: needs dpkg-scanpackages (apt-get install dpkg-dev)" >&2; exit 2; }
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -1)
archs=("$@")
[ ${#archs[@]} -gt 0 ] || archs=(amd64 arm64)

# What the box gets from Debian. openssl makes the TLS certificates at install time.
PACKAGES=(openjdk-17-jre-headless openssl)

work=target/offline-bundle
mkdir -p "$work"

# A private APT state for ARCH (nothing of the developer machine's own APT state is touched or used): the
# machine's Debian sources, an empty dpkg status (so the whole dependency closure is fetched: the target may
# lack any of it), the architecture ARCH only.
apt_for() {
    local arch="$1" dir="$root/$work/apt-$1"
    mkdir -p "$dir/etc/sources.list.d" "$dir/lists/partial" "$dir/archives/partial" "$dir/etc/preferences.d"
    : > "$dir/status"
    rm -f "$dir/etc/sources.list.d/"*
    if [ -n "${HAUSMETER_APT_SOURCES:-}" ]; then
        cp "$HAUSMETER_APT_SOURCES" "$dir/etc/sources.list.d/"
    else
        [ -f /etc/apt/sources.list ] && cp /etc/apt/sources.list "$dir/etc/sources.list.d/main.list"
        for f in /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list; do
            [ -f "$f" ] && grep -qi debian "$f" && cp "$f" "$dir/etc/sources.list.d/"
        done
    fi
    APT_OPTS=(-o "APT::Architecture=$arch" -o "APT::Architectures::=$arch"
        -o "Dir::Etc::sourcelist=/dev/null" -o "Dir::Etc::sourceparts=$dir/etc/sources.list.d"
        -o "Dir::Etc::preferencesparts=$dir/etc/preferences.d" -o "Dir::Etc::preferences=/dev/null"
        -o "Dir::State::status=$dir/status" -o "Dir::State::lists=$dir/lists"
        -o "Dir::Cache=$dir/cache" -o "Dir::Cache::archives=$dir/archives"
        -o "APT::Install-Recommends=false" -o "Debug::NoLocking=true" -o "APT::Sandbox::User=root")
}

for arch in "${archs[@]}"; do
    case "$arch" in amd64|arm64) ;; *) echo "build.sh: architecture [$arch]: amd64 or arm64" >&2; exit 2 ;; esac
    name="hausmeter-$version-linux-$arch"
    stage="$work/$name"
    echo "== $name"
    rm -rf "$stage" && mkdir -p "$stage/debs"

    apt_for "$arch"
    apt-get -q "${APT_OPTS[@]}" update >"$work/apt-$arch.log" 2>&1 \
        || { cat "$work/apt-$arch.log" >&2; echo "build.sh: apt-get update for $arch failed" >&2; exit 1; }
    apt-get -q -y "${APT_OPTS[@]}" install --download-only "${PACKAGES[@]}" >>"$work/apt-$arch.log" 2>&1 \
        || { tail -30 "$work/apt-$arch.log" >&2; echo "build.sh: fetching ${PACKAGES[*]} for $arch failed" >&2; exit 1; }
    cp "$work/apt-$arch/archives/"*.deb "$stage/debs/"
    (cd "$stage/debs" && dpkg-scanpackages --multiversion . /dev/null 2>/dev/null > Packages)
    echo "   $(ls "$stage/debs" | grep -c '\.deb$') Debian packages for $arch ($(du -sh "$stage/debs" | cut -f1))"

    cp -r "$app" "$stage/app"
    cp -r modbus-bus-config "$stage/"
    cp install/offline-bundle/install.sh install/offline-bundle/hausmeter.service install/offline-bundle/README.txt "$stage/"
    chmod 0755 "$stage/install.sh"
    echo "$version" > "$stage/VERSION"
    echo "$arch" > "$stage/ARCH"
    (cd "$stage" && find . -type f ! -name SHA256SUMS -print0 | sort -z | xargs -0 sha256sum > SHA256SUMS)
    tar -C "$work" -czf "target/$name.tar.gz" "$name"
    (cd target && sha256sum "$name.tar.gz" > "$name.tar.gz.sha256")
    echo "   target/$name.tar.gz ($(du -h "target/$name.tar.gz" | cut -f1))"
done
