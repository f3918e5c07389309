# Shared by the scripts: where things are, and how to find Java 25. Sourced, not run.
# shellcheck shell=bash disable=SC2034  # sourced: the variables are used by the scripts that source it
GANTRY_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GANTRY_JAR="$GANTRY_TOP/rest/target/quarkus-app/quarkus-run.jar"
GANTRY_AOT="$GANTRY_TOP/native/target/gantry.aot"
# The server's JVM flags, wherever it is started (serve, benchmarks, AOT training). FFM needs native access;
# the JDK HTTP client's default 16 KiB buffers make streamed blob uploads arrive in 16 KiB chunks, which costs a
# registry about 40% more CPU per byte than 256 KiB ones (measured against Debian's docker-registry).
# vertx.disableURIValidation: Quarkus answers an empty 400 to any request line java.net.URI refuses, before any
# route runs; dockerd (Go's net/http) takes `{ } " |` unencoded in query strings, as curl sends filters from docs.
# sun-misc-unsafe-memory-access: the JavaScript hooks' runtime (Truffle 25) still uses sun.misc.Unsafe, which
# JDK 25 warns about on stderr at first use.
GANTRY_JVM_FLAGS=(--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Djdk.httpclient.bufsize=262144
  -Dvertx.disableURIValidation=true --sun-misc-unsafe-memory-access=allow)
# Memory (docs/benchmarks.md, "JVM flags"): the heap starts at 16 MiB and gives back what it does not use
# (Serial GC shrinks it at each full collection to keep at most 30% free) instead of committing 1/64 of the
# host's RAM up front; 512 KiB thread stacks; a 64 MiB code cache (about 20 MiB is used). No -Xmx (chosen
# when `docker logs` still read a whole log into the heap; it streams now, docs/benchmarks.md).
# TrimNativeHeapInterval: glibc keeps what the JVM frees with free() (the JIT compilers' arenas peak at tens of
# MB while compiling) in its heap; trimming it every 5 s took idle RSS from ~142 to ~115 MB.
GANTRY_JVM_FLAGS+=(-Xms16m -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30 -Xss512k
  -XX:ReservedCodeCacheSize=64m -XX:TrimNativeHeapInterval=5000)
# What serving needs (scripts/setup): the runtimes, conmon, the network tools (ip, iptables, sysctl),
# catatonit for `run --init`, curl (the launcher's stale-socket check) and the build tools. The CNI plugins are
# not used (docs/architecture.md).
GANTRY_SERVE_PACKAGES=(runc crun conmon iptables iproute2 procps catatonit curl maven git python3)
# What the tests need besides (scripts/setup --for test, which scripts/test runs): the test image's busybox,
# a registry and skopeo, the Python SDK, openssl for the TLS tests, jq, tmux (DashboardIT); and a docker client (see scripts/setup).
GANTRY_TEST_PACKAGES=(busybox-static docker-registry skopeo python3 python3-docker openssl jq tmux)

# Prints the home of a JDK 25, or nothing.
gantry_find_jdk() {
  local c
  for c in "${JAVA_HOME:-}" /usr/lib/jvm/temurin-25* /usr/lib/jvm/java-25-openjdk*; do
    [ -n "$c" ] && [ -x "$c/bin/javac" ] || continue
    if "$c/bin/java" -version 2>&1 | head -1 | grep -q '"25'; then
      echo "$c"
      return 0
    fi
  done
  return 1
}

# True when a command is on the PATH or in an sbin (a user's PATH may lack them).
gantry_have() {
  command -v "$1" >/dev/null || [ -x "/usr/sbin/$1" ] || [ -x "/sbin/$1" ]
}

# True when the machine has what Gantry needs and the server is built: `serve` (the default) for serving,
# `test` for the tests too.
gantry_is_set_up() {
  gantry_find_jdk >/dev/null || return 1
  [ -f "$GANTRY_JAR" ] || return 1
  local p
  for p in runc conmon iptables ip sysctl catatonit curl mvn; do
    gantry_have "$p" || return 1
  done
  [ "${1:-serve}" = test ] || return 0
  for p in docker skopeo docker-registry openssl jq tmux; do
    gantry_have "$p" || return 1
  done
  [ -x /bin/busybox ] || return 1
  /usr/bin/python3 -c 'import docker' 2>/dev/null || return 1
}
