# Shared by the scripts: where things are, and how to find Java 25. Sourced, not run.
GANTRY_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
GANTRY_JAR="$GANTRY_TOP/rest/target/quarkus-app/quarkus-run.jar"
GANTRY_AOT="$GANTRY_TOP/native/target/gantry.aot"
# The server's JVM flags, wherever it is started (serve, benchmarks, AOT training). FFM needs native access;
# the JDK HTTP client's default 16 KiB buffers make streamed blob uploads arrive in 16 KiB chunks, which costs a
# registry about 40% more CPU per byte than 256 KiB ones (measured against Debian's docker-registry).
# vertx.disableURIValidation: Quarkus answers an empty 400 to any request line java.net.URI refuses, before any
# route runs; dockerd (Go's net/http) takes `{ } " |` unencoded in query strings, as curl sends filters from docs.
GANTRY_JVM_FLAGS=(--enable-native-access=ALL-UNNAMED -XX:+UseSerialGC -Djdk.httpclient.bufsize=262144
  -Dvertx.disableURIValidation=true)
GANTRY_PACKAGES=(runc crun conmon iptables iproute2 containernetworking-plugins busybox-static docker-registry
  skopeo catatonit curl jq maven git python3 python3-docker openssl)

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

# True when the machine has what Gantry needs and the server is built.
gantry_is_set_up() {
  gantry_find_jdk >/dev/null || return 1
  [ -f "$GANTRY_JAR" ] || return 1
  local p
  for p in runc conmon curl jq mvn skopeo; do
    command -v "$p" >/dev/null || return 1
  done
  command -v docker >/dev/null || return 1
  [ -x /bin/busybox ] || return 1
  /usr/bin/python3 -c 'import docker' 2>/dev/null || return 1
}
