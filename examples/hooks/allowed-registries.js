// Images only from these registries, for pulls and for containers. Docker Hub's images ("busybox",
// "library/busybox") count as docker.io, as in Docker's reference rules.
const ALLOWED = ["docker.io", "127.0.0.1:5000", "localhost:5000"];

function registryOf(name) {
  const slash = name.indexOf("/");
  if (slash < 0) return "docker.io";
  const first = name.substring(0, slash);
  return first.includes(".") || first.includes(":") || first === "localhost" ? first : "docker.io";
}

function check(name) {
  const registry = registryOf(name);
  if (!ALLOWED.includes(registry)) {
    return { deny: `images from ${registry} are not allowed (allowed: ${ALLOWED.join(", ")})` };
  }
}

export function beforePull(ref) {
  return check(ref.name);
}

export function beforeCreate(req) {
  // a local image that was tagged from elsewhere keeps its registry in its name, so the name is enough
  return check(req.Image ?? "");
}
