// Deny privileged containers (docker run --privileged): they get every capability and the host's devices.
export function beforeCreate(req) {
  if (req.HostConfig?.Privileged) {
    return { deny: "privileged containers are not allowed here" };
  }
}
