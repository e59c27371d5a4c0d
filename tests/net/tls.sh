#!/usr/bin/env bash
# tests/net/tls.sh: https replies are only trusted with a certificate the
# system trusts: a self-signed loopback server is refused, per package, with
# the figures kept and no request ever answered.
source "$(dirname "$0")/../lib.sh"
source "$(dirname "$0")/netlib.bash"

# (A P-256 key: made in milliseconds, where an RSA one takes half a second.)
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=127.0.0.1" \
    -addext "subjectAltName=IP:127.0.0.1" -keyout "$T_TMP/key.pem" -out "$T_TMP/cert.pem" >/dev/null 2>&1
check "made a self-signed certificate" test -s "$T_TMP/cert.pem"
start_server --tls "$T_TMP/cert.pem" "$T_TMP/key.pem"
export VERSUS_NPM_API="https://127.0.0.1:$S_PORT" VERSUS_PYPI_API="https://127.0.0.1:$S_PORT/api"
DATA="$T_TMP/data"
fast_data "$DATA"
# A handshake can take seconds on a loaded machine (and under ASan): room
# for it, so the reason checked below is the certificate, not the clock.
sed -i -e 's/connect_timeout: .*/connect_timeout: 10s/' -e 's/    timeout: .*/    timeout: 20s/' "$DATA/sources.yaml"

probe --data "$DATA" --cache "$T_TMP/cache" --bundled pypi:django=77 pypi:django npm:express
expect_eq "untrusted certificate: error, bundled figure kept" "error bundled 77" \
    "$(field pypi django status) $(field pypi django source) $(field pypi django month)"
expect_eq "untrusted certificate: reason" "TLS certificate not trusted" "$(field pypi django detail)"
expect_eq "untrusted certificate: npm too" "error" "$(field npm express status)"
expect_eq "no request got through" "0" "$(requests)"
check "nothing cached" test ! -e "$T_TMP/cache/pypi_django.json"

t_done
