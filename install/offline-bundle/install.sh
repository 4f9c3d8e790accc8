#!/usr/bin/env bash
# Installs or upgrades Hausmeter from this unpacked bundle on Debian 12 (amd64 or arm64), with no network.
#
#   sudo ./install.sh                      first install: asks for what it needs
#   sudo ./install.sh --building /media/usb/our-house.yaml --host hausmeter.local --host 192.168.1.20 \
#        --caretaker mueller --yes         the same without questions
#   sudo ./install.sh --yes                again, from a newer bundle: an upgrade (data, settings, certificate,
#                                          the building file and your own register maps stay)
#   sudo /opt/hausmeter/install.sh --rollback
#                                          back to the version and data from before the last upgrade
#   sudo /opt/hausmeter/install.sh --building FILE | --host NAME ... | --caretaker NAME
#                                          the installed copy (no bundle beside it): settings only, a new building
#                                          file, a certificate for other names, a caretaker the first install missed
#
# Options:
#   --building FILE     the building file (YAML, see modbus-bus-config/README.md); copied to
#                       /var/lib/hausmeter/modbus-bus-config/ and named in the settings
#   --host NAME|ADDRESS a name or address the house LAN uses for the server (repeat it); the HTTPS certificate
#                       is made for these. Default: this machine's name, NAME.local and its addresses
#   --caretaker NAME    the first caretaker's login name (first install only; default: hauswart)
#   --demo              run the demo building (simulated meters, PUBLIC demo logins): for trying it out only
#   --https-port N      default 443 (HTTP on --http-port, default 80, only redirects to it)
#   --http-port N
#   --yes               ask nothing; take the defaults
#   --no-start          install, but do not start the service
#   --rollback          see above
# Everything it does is also written to /var/log/hausmeter-install.log (never a password).
set -euo pipefail
umask 022
here="$(cd "$(dirname "$0")" && pwd)"

OPT=/opt/hausmeter
HOME_DIR=/var/lib/hausmeter
DATA="$HOME_DIR/data"
CONFIG_DIR="$HOME_DIR/config"
CONFIG="$CONFIG_DIR/application.properties"
MAPS="$HOME_DIR/modbus-bus-config"
TLS=/etc/hausmeter/tls
ROLLBACK="$HOME_DIR/rollback"
UNIT=/etc/systemd/system/hausmeter.service
LOG=/var/log/hausmeter-install.log
PACKAGES=(openjdk-17-jre-headless openssl)

building="" hosts=() caretaker="" demo=no https_port=443 http_port=80 yes=no start=yes rollback=no
while [ $# -gt 0 ]; do
    case "$1" in
        --building) building="$2"; shift 2 ;;
        --host) hosts+=("$2"); shift 2 ;;
        --caretaker) caretaker="$2"; shift 2 ;;
        --demo) demo=yes; shift ;;
        --https-port) https_port="$2"; shift 2 ;;
        --http-port) http_port="$2"; shift 2 ;;
        --yes|-y) yes=yes; shift ;;
        --no-start) start=no; shift ;;
        --rollback) rollback=yes; shift ;;
        -h|--help) sed -n '2,/^set -euo/p' "$0" | sed '$d' | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) echo "install.sh: unknown option [$1] (--help lists them)" >&2; exit 2 ;;
    esac
done
[ -t 0 ] || yes=yes

say() { echo "$*"; echo "$(date -u '+%F %T') $*" >> "$LOG"; }
die() { echo "install.sh: $*" >&2; echo "$(date -u '+%F %T') FAILED: $*" >> "$LOG"; exit 2; }
ask() { # ask VAR "question" default   (VAR must not be _reply)
    local _reply
    if [ "$yes" = yes ]; then printf -v "$1" '%s' "$3"; return; fi
    read -r -p "$2 [$3]: " _reply
    printf -v "$1" '%s' "${_reply:-$3}"
}
systemd_up() { [ -d /run/systemd/system ]; }
as_hausmeter() { # runs a command as the service user in the service's working directory
    (cd "$HOME_DIR" && setpriv --reuid=hausmeter --regid=hausmeter --init-groups --reset-env \
        env HOME="$HOME_DIR" HAUSMETER_DATA_DIR="$DATA" PATH=/usr/sbin:/usr/bin:/sbin:/bin "$@")
}
server_running() { # the data directory's lock is held by a running server
    [ -f "$DATA/hausmeter.lock" ] || return 1
    local pid; pid=$(tr -dc '0-9' < "$DATA/hausmeter.lock" 2>/dev/null || true)
    [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null
}
stop_service() {
    if systemd_up && systemctl is-active --quiet hausmeter 2>/dev/null; then
        say "Stopping the running server (systemctl stop hausmeter)"
        systemctl stop hausmeter
    fi
    ! server_running || die "a Hausmeter server still runs on $DATA (stop it first)"
}
start_service() {
    if [ "$start" = no ]; then
        say "Not started (--no-start). Start it with: systemctl start hausmeter"
    elif systemd_up; then
        systemctl daemon-reload
        systemctl enable hausmeter >/dev/null 2>&1
        systemctl restart hausmeter
        say "Service hausmeter started (journalctl -u hausmeter -f shows its log)."
    else
        say "systemd is not running here: the service is installed but not started."
    fi
}

[ "$(id -u)" = 0 ] || die "run it as root (sudo ./install.sh)"
mkdir -p "$(dirname "$LOG")"; touch "$LOG"; chmod 0600 "$LOG"

# ---------------------------------------------------------------------------------------------------------- rollback
if [ "$rollback" = yes ]; then
    [ -d "$OPT/app.previous" ] && [ -d "$ROLLBACK/data" ] || die "nothing to roll back to (no earlier version kept)"
    say "Rolling back to $(cat "$ROLLBACK/VERSION" 2>/dev/null || echo 'the previous version'): data as it was before the upgrade"
    stop_service
    stamp=$(date -u +%Y%m%dT%H%M%SZ)
    mv "$OPT/app" "$OPT/app.failed-$stamp"
    mv "$OPT/app.previous" "$OPT/app"
    mv "$DATA" "$HOME_DIR/data.failed-$stamp"
    cp -a "$ROLLBACK/data" "$DATA"
    [ -f "$ROLLBACK/application.properties" ] && cp -a "$ROLLBACK/application.properties" "$CONFIG"
    [ -f "$ROLLBACK/VERSION" ] && cp "$ROLLBACK/VERSION" "$OPT/VERSION"
    say "Rolled back. The upgraded version and its data are kept in $OPT/app.failed-$stamp and $HOME_DIR/data.failed-$stamp."
    start_service
    exit 0
fi

# ----------------------------------------------------------------------------------------------------------- checks
# Run from an unpacked bundle: install or upgrade. Run as /opt/hausmeter/install.sh (no bundle beside it):
# change the settings only (--building, --host, ports), with the installed program.
bundle=yes
[ -d "$here/app" ] && [ -f "$here/SHA256SUMS" ] || bundle=no
machine=$(dpkg --print-architecture)
if [ "$bundle" = yes ]; then
    version=$(cat "$here/VERSION")
    arch=$(cat "$here/ARCH")
    [ "$arch" = "$machine" ] || die "this bundle is for $arch, this machine is $machine: take hausmeter-$version-linux-$machine.tar.gz"
    (cd "$here" && sha256sum --quiet -c SHA256SUMS) || die "the bundle is damaged (SHA256SUMS do not match): copy it again"
else
    [ -f "$OPT/app/quarkus-run.jar" ] || die "no bundle here ($here) and nothing installed: run the install.sh of an unpacked bundle"
    version=$(cat "$OPT/VERSION")
    arch="$machine"
fi
upgrade=no
[ -f "$OPT/app/quarkus-run.jar" ] && upgrade=yes
if [ "$bundle" = no ]; then
    say "== Changing the settings of Hausmeter $version (no bundle given: program and register maps stay)"
elif [ "$upgrade" = yes ]; then
    say "== Upgrading Hausmeter $(cat "$OPT/VERSION" 2>/dev/null || echo '?') to $version ($arch)"
else
    say "== Installing Hausmeter $version ($arch)"
fi

# ---------------------------------------------------------------------------------------- Java runtime and openssl
# From the bundle's own APT repository (Debian 12's packages), with APT's own dependency resolution: what the
# machine has already stays, what is missing comes from the bundle. No network source is consulted.
java_home=/usr/lib/jvm/java-17-openjdk-$arch
if [ "$bundle" = yes ] && { ! [ -x "$java_home/bin/java" ] || ! command -v openssl >/dev/null || [ "$upgrade" = yes ]; }; then
    say "Installing ${PACKAGES[*]} from the bundle (Debian 12 packages)"
    aptdir=$(mktemp -d)
    echo "deb [trusted=yes] file:$here/debs ./" > "$aptdir/bundle.list"
    mkdir -p "$aptdir/lists/partial"
    apt_opts=(-o "Dir::Etc::sourcelist=$aptdir/bundle.list" -o "Dir::Etc::sourceparts=$aptdir/none"
        -o "Dir::State::lists=$aptdir/lists" -o "APT::Sandbox::User=root" -o "APT::Install-Recommends=false"
        -o "Acquire::Languages=none" -o "APT::Get::List-Cleanup=false")
    DEBIAN_FRONTEND=noninteractive apt-get -q "${apt_opts[@]}" update < /dev/null >> "$LOG" 2>&1 || die "apt-get update on the bundle failed (see $LOG)"
    DEBIAN_FRONTEND=noninteractive apt-get -q -y "${apt_opts[@]}" install "${PACKAGES[@]}" < /dev/null >> "$LOG" 2>&1 \
        || die "installing ${PACKAGES[*]} from the bundle failed (see $LOG)"
    rm -rf "$aptdir"
fi
[ -x "$java_home/bin/java" ] || die "no Java runtime at $java_home after the install (see $LOG)"
say "Java: $("$java_home/bin/java" -version 2>&1 | head -1)"

# ------------------------------------------------------------------------------------------ account and directories
if ! id hausmeter >/dev/null 2>&1; then
    useradd --system --home-dir "$HOME_DIR" --no-create-home --shell /usr/sbin/nologin --user-group hausmeter
    say "System user hausmeter created"
fi
getent group dialout >/dev/null && usermod -a -G dialout hausmeter   # RS-485 adapters (/dev/ttyUSB*)
install -d -o root -g root -m 0755 "$OPT"
install -d -o hausmeter -g hausmeter -m 0750 "$HOME_DIR"
install -d -o root -g hausmeter -m 0750 "$CONFIG_DIR"
install -d -o root -g root -m 0755 /etc/hausmeter
install -d -o root -g hausmeter -m 0750 "$TLS"

# --------------------------------------------------------------------------------------- stop, keep a way back, app
if [ "$bundle" = yes ] && [ "$upgrade" = yes ]; then
    stop_service
    say "Keeping the current version and a copy of the data for a rollback in $ROLLBACK/"
    need=$(du -sk "$DATA" 2>/dev/null | cut -f1 || true); need=${need:-0}
    free=$(df -Pk "$HOME_DIR" | awk 'NR == 2 { print $4 }' || true); free=${free:-0}
    old=$(du -sk "$ROLLBACK" 2>/dev/null | cut -f1 || true); old=${old:-0}
    [ $((free + old)) -gt $((need + 262144)) ] \
        || { start_service; die "not enough free space in $HOME_DIR for the copy of the data ($((need / 1024)) MB + 256 MB needed): nothing was changed"; }
    rm -rf "$ROLLBACK" "$OPT/app.previous"
    install -d -o root -g root -m 0700 "$ROLLBACK"
    [ -d "$DATA" ] && cp -a "$DATA" "$ROLLBACK/data"
    [ -f "$CONFIG" ] && cp -a "$CONFIG" "$ROLLBACK/application.properties"
    cp "$OPT/VERSION" "$ROLLBACK/VERSION" 2>/dev/null || true
    mv "$OPT/app" "$OPT/app.previous"
fi
if [ "$bundle" = yes ]; then
    cp -r "$here/app" "$OPT/app.new" && rm -rf "$OPT/app" && mv "$OPT/app.new" "$OPT/app"
    cp "$here/VERSION" "$OPT/VERSION"
    install -m 0755 "$here/install.sh" "$OPT/install.sh.new" && mv "$OPT/install.sh.new" "$OPT/install.sh"
fi

# ------------------------------------------------------------------- register maps and charger profiles (conffiles)
# A shipped file that the operator never changed is replaced by the new release's; one the operator changed stays
# and the new one is put beside it as FILE.new; the operator's own files and the building file are never touched.
# $MAPS/.shipped.sha256 remembers what the bundles installed.
install -d -o hausmeter -g hausmeter -m 0750 "$MAPS"
manifest="$MAPS/.shipped.sha256"
touch "$manifest"
new_manifest=$(mktemp)
added=0 updated=0 kept=0
shipped_dir="$here/modbus-bus-config"
[ "$bundle" = yes ] || shipped_dir=$(mktemp -d)   # settings only: nothing shipped to compare
cp "$manifest" "$new_manifest"
[ "$bundle" = yes ] && : > "$new_manifest"
while IFS= read -r -d '' f; do
    rel="${f#"$shipped_dir/"}"
    dest="$MAPS/$rel"
    sum=$(sha256sum "$f" | cut -d' ' -f1)
    shipped=$(awk -v p="$rel" '$2 == p { print $1 }' "$manifest")
    if [ ! -e "$dest" ]; then
        install -D -o hausmeter -g hausmeter -m 0640 "$f" "$dest"; added=$((added + 1))
    else
        now=$(sha256sum "$dest" | cut -d' ' -f1)
        if [ "$now" = "$sum" ]; then
            :
        elif [ -n "$shipped" ] && [ "$now" = "$shipped" ]; then
            install -o hausmeter -g hausmeter -m 0640 "$f" "$dest"; updated=$((updated + 1))
        else
            install -o hausmeter -g hausmeter -m 0640 "$f" "$dest.new"; kept=$((kept + 1))
            say "  kept your $rel; the release's version is beside it as $rel.new"
        fi
    fi
    echo "$sum  $rel" >> "$new_manifest"
done < <(find "$shipped_dir" -type f -print0 | sort -z)
install -o hausmeter -g hausmeter -m 0640 "$new_manifest" "$manifest"; rm -f "$new_manifest"
# Files the operator copied in as root (sudo cp) become the service's to read.
chown -R hausmeter:hausmeter "$MAPS"
chmod -R u+rwX,g+rX,g-w,o-rwx "$MAPS"
[ "$bundle" = yes ] && say "Register maps and charger profiles: $added added, $updated updated, $kept of yours kept (in $MAPS)"

# ------------------------------------------------------------------------------------------------- the building file
current_building=""
[ -f "$CONFIG" ] && current_building=$(sed -n 's/^hausmeter\.bus\.building-file=//p' "$CONFIG" | tail -1)
[ -f "$CONFIG" ] && grep -q '^hausmeter.demo.enabled=true' "$CONFIG" && demo=yes
if [ -z "$building" ] && [ -z "$current_building" ] && [ "$demo" = no ]; then
    ask building "Building file (YAML with your buses and meters; empty: none yet)" ""
fi
if [ -n "$building" ]; then
    [ -f "$building" ] || die "no building file at [$building]"
    bname=$(basename "$building")
    if [ -f "$MAPS/$bname" ] && ! cmp -s "$building" "$MAPS/$bname"; then
        cp -a "$MAPS/$bname" "$MAPS/$bname.before-$(date -u +%Y%m%dT%H%M%SZ)"
    fi
    install -o hausmeter -g hausmeter -m 0640 "$building" "$MAPS/$bname"
    current_building="$bname"
    say "Building file: $MAPS/$bname"
fi

# --------------------------------------------------------------------------------------------------- host names
if [ ${#hosts[@]} -eq 0 ] && [ -f /etc/hausmeter/hosts ]; then
    mapfile -t hosts < /etc/hausmeter/hosts
fi
if [ ${#hosts[@]} -eq 0 ]; then
    h=$(hostname -s 2>/dev/null || hostname)
    default="$h $h.local $(hostname -I 2>/dev/null || true)"
    answer=""
    ask answer "Names and addresses the house LAN uses for this server (separated by spaces)" "$(echo $default)"
    read -r -a hosts <<< "$answer"
fi
[ ${#hosts[@]} -gt 0 ] || die "no host name or address for the certificate (--host)"

# ------------------------------------------------------------------------------------------ TLS: a small local CA
# A CA of this building (10 years; its key never leaves this machine, root only) signs the server's certificate.
# Phones install the CA certificate once; a new server certificate (other names, renewal) needs nothing on them.
# The CA is name-constrained to the LAN's names and private addresses: even its key could not vouch for a bank.
is_ip() { [[ "$1" =~ ^[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+$ || "$1" == *:* ]]; }
if [ ! -f "$TLS/hausmeter-ca.key" ]; then
    say "Creating the building's certificate authority ($TLS/hausmeter-ca.crt)"
    constraints="permitted;DNS:local,permitted;DNS:lan,permitted;DNS:home.arpa,permitted;DNS:internal"
    constraints+=",permitted;IP:10.0.0.0/255.0.0.0,permitted;IP:172.16.0.0/255.240.0.0"
    constraints+=",permitted;IP:192.168.0.0/255.255.0.0,permitted;IP:127.0.0.0/255.0.0.0"
    constraints+=",permitted;IP:fc00:0:0:0:0:0:0:0/fe00:0:0:0:0:0:0:0"
    for n in "${hosts[@]}"; do
        if is_ip "$n"; then
            [[ "$n" == *:* ]] || constraints+=",permitted;IP:$n/255.255.255.255"
        else
            constraints+=",permitted;DNS:$n"
        fi
    done
    (umask 077 && openssl req -x509 -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -sha256 -days 3650 \
        -keyout "$TLS/hausmeter-ca.key" -out "$TLS/hausmeter-ca.crt" \
        -subj "/O=Hausmeter/CN=Hausmeter CA $(hostname -s 2>/dev/null || hostname) $(date -u +%Y-%m-%d)" \
        -addext "basicConstraints=critical,CA:TRUE,pathlen:0" -addext "keyUsage=critical,keyCertSign,cRLSign" \
        -addext "nameConstraints=critical,$constraints" >> "$LOG" 2>&1) || die "creating the CA failed (see $LOG)"
    chmod 0600 "$TLS/hausmeter-ca.key"; chmod 0644 "$TLS/hausmeter-ca.crt"
fi
printf '%s\n' "${hosts[@]}" > /etc/hausmeter/hosts
san=""
for n in "${hosts[@]}"; do
    if is_ip "$n"; then san+="${san:+,}IP:$n"; else san+="${san:+,}DNS:$n"; fi
done
renew=yes
if [ -f "$TLS/server.crt" ] && [ "$(cat "$TLS/server.san" 2>/dev/null)" = "$san" ] \
        && openssl x509 -in "$TLS/server.crt" -noout -checkend $((30 * 86400)) >/dev/null 2>&1; then
    renew=no
fi
if [ "$renew" = yes ]; then
    say "Issuing the server certificate for: ${hosts[*]}"
    csr=$(mktemp)
    ext=$(mktemp)
    printf '%s\n' "basicConstraints=critical,CA:FALSE" "keyUsage=critical,digitalSignature" \
        "extendedKeyUsage=serverAuth" "subjectAltName=$san" > "$ext"
    (umask 077 && openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout "$TLS/server.key.new" \
        -out "$csr" -subj "/CN=${hosts[0]}" >> "$LOG" 2>&1) || die "creating the server key failed (see $LOG)"
    openssl x509 -req -in "$csr" -CA "$TLS/hausmeter-ca.crt" -CAkey "$TLS/hausmeter-ca.key" -CAcreateserial \
        -days 825 -sha256 -extfile "$ext" -out "$TLS/server.crt.new" >> "$LOG" 2>&1 \
        || die "signing the server certificate failed (see $LOG)"
    cat "$TLS/hausmeter-ca.crt" >> "$TLS/server.crt.new"
    rm -f "$csr" "$ext"
    chown root:hausmeter "$TLS/server.key.new" "$TLS/server.crt.new"
    chmod 0640 "$TLS/server.key.new" "$TLS/server.crt.new"
    mv "$TLS/server.key.new" "$TLS/server.key"; mv "$TLS/server.crt.new" "$TLS/server.crt"
    echo "$san" > "$TLS/server.san"
fi

# ------------------------------------------------------------------------------------------------------ settings
# Written by the installer; lines of your own below the marker stay across upgrades.
own=""
if [ -f "$CONFIG" ]; then
    own=$(sed -n '/^# --- your own settings below/,$p' "$CONFIG" | sed 1d)
fi
{
    echo "# Written by install.sh at each install and upgrade; add your own settings at the end, below the marker."
    echo "quarkus.http.port=$http_port"
    echo "quarkus.http.ssl-port=$https_port"
    echo "quarkus.http.insecure-requests=redirect"
    echo "quarkus.http.ssl.certificate.files=$TLS/server.crt"
    echo "quarkus.http.ssl.certificate.key-files=$TLS/server.key"
    echo "# A renewed certificate (install.sh again) is picked up without a restart."
    echo "quarkus.http.ssl.certificate.reload-period=1h"
    echo "hausmeter.bus.config-dir=$MAPS"
    [ -n "$current_building" ] && echo "hausmeter.bus.building-file=$current_building"
    [ "$demo" = yes ] && echo "hausmeter.demo.enabled=true"
    echo "# --- your own settings below (kept by install.sh) ---"
    [ -n "$own" ] && echo "$own"
} > "$CONFIG.new"
chown root:hausmeter "$CONFIG.new"; chmod 0640 "$CONFIG.new"; mv "$CONFIG.new" "$CONFIG"

# ----------------------------------------------------------------------------------------------- the systemd unit
[ "$bundle" = yes ] && sed "s:@JAVA@:$java_home/bin/java:" "$here/hausmeter.service" > "$UNIT.new" && mv "$UNIT.new" "$UNIT"
chmod 0644 "$UNIT"

# ------------------------------------------------------------------------------------------------- first caretaker
chown hausmeter:hausmeter "$HOME_DIR"
password_note=""
# On the first install; later only when asked (--caretaker) and the installer never made one (a first install
# that stopped before this point).
if [ ! -f "$HOME_DIR/.caretaker-created" ] && { [ "$upgrade" = no ] || [ -n "$caretaker" ]; }; then
    [ -n "$caretaker" ] || ask caretaker "Login name of the first caretaker" "hauswart"
    if [ "$demo" = yes ] && [ "$caretaker" = hauswart ]; then caretaker=verwalter; fi
    stop_service   # the command needs the data directory to itself
    say "Creating the caretaker [$caretaker] (starts the databases once; the demo's first start takes minutes)"
    out=$(as_hausmeter "$java_home/bin/java" -Xmx384m -jar "$OPT/app/quarkus-run.jar" create-caretaker "$caretaker" 2>&1 < /dev/null) \
        || { echo "$out" | grep -v 'One-time password' | tail -20 >> "$LOG"; die "create-caretaker failed: $(echo "$out" | tail -3)"; }
    password_note=$(echo "$out" | grep -A1 'One-time password' || true)
    touch "$HOME_DIR/.caretaker-created"
fi

start_service

# ------------------------------------------------------------------------------------------------------- summary
fingerprint=$(openssl x509 -in "$TLS/hausmeter-ca.crt" -noout -fingerprint -sha256 | cut -d= -f2)
port_suffix=""; [ "$https_port" = 443 ] || port_suffix=":$https_port"
echo
say "Hausmeter $version is installed."
say "  Address:   https://${hosts[0]}$port_suffix/  (also: ${hosts[*]:1})"
say "  Phones and PCs: install $TLS/hausmeter-ca.crt once (docs: 'HTTPS on phones');"
say "  its SHA-256 fingerprint: $fingerprint"
if [ -n "$password_note" ]; then
    echo
    echo "  $password_note" | sed '2s/^/  /'
    echo "  Log in as [$caretaker] with it; you choose your own password at the first login."
    echo "  (It is written nowhere else and not shown again. Forgotten? A new one:"
    echo "   systemctl stop hausmeter; cd $HOME_DIR; runuser -u hausmeter -- env HAUSMETER_DATA_DIR=$DATA \\"
    echo "   $java_home/bin/java -jar $OPT/app/quarkus-run.jar reset-password $caretaker; systemctl start hausmeter)"
fi
if [ ! -f "$HOME_DIR/.caretaker-created" ]; then
    echo
    say "  NO CARETAKER made by the installer yet: sudo /opt/hausmeter/install.sh --caretaker NAME"
fi
if [ -z "$current_building" ] && [ "$demo" = no ]; then
    echo
    say "  NO BUILDING FILE YET: the server reads no meter until you give it one:"
    say "    sudo /opt/hausmeter/install.sh --building /path/to/your-building.yaml"
    say "  (how to write it: $MAPS/README.md)"
fi
if [ "$demo" = yes ]; then
    echo
    say "  DEMO MODE: simulated meters and PUBLIC demo logins (hauswart / hauswart-demo, ...). Not for a real house."
fi
