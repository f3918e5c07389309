// Give every container a memory limit: a default one when the request has none (docker run without -m),
// or, with REQUIRE = true, refuse such requests instead.
const DEFAULT_BYTES = 128 * 1024 * 1024;
const REQUIRE = false;

export function beforeCreate(req) {
  const host = req.HostConfig ?? {};
  if (host.Memory > 0) {
    return; // the user chose one
  }
  if (REQUIRE) {
    return { deny: "set a memory limit (docker run -m 256m ...)" };
  }
  req.HostConfig = { ...host, Memory: DEFAULT_BYTES };
  return req;
}
