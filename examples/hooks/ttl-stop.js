// Stop running containers whose `ttl` label has passed, counted from their start:
//   docker run -d --label ttl=30m nginx
// ttl takes ms, s, m, h or d (30s, 10m, 2h, 1d).
export const schedule = "@every 1m";

function millis(ttl) {
  const m = /^(\d+)(ms|s|m|h|d)$/.exec(String(ttl).trim());
  if (!m) return null;
  const unit = { ms: 1, s: 1000, m: 60000, h: 3600000, d: 86400000 }[m[2]];
  return Number(m[1]) * unit;
}

export function onSchedule() {
  const now = gantry.now();
  for (const c of gantry.containers.list({ filters: { label: ["ttl"] } })) {
    const ttl = millis(c.Labels.ttl);
    if (ttl === null) {
      gantry.log(`${c.Names[0]}: ttl '${c.Labels.ttl}' is not a duration such as 30m`);
      continue;
    }
    const started = Date.parse(gantry.containers.inspect(c.Id).State.StartedAt);
    if (now - started >= ttl) {
      gantry.log(`stopping ${c.Names[0]}: its ttl ${c.Labels.ttl} has passed`);
      gantry.containers.stop(c.Id, { t: 5 });
    }
  }
}
