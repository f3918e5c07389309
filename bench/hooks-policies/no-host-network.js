// bench/hooks: a fourth policy file (beforeCreate)
export function beforeCreate(req) {
  if (req.HostConfig?.NetworkMode === "host") return { deny: "no host network" };
}
