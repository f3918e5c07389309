// Remove exited CI containers (label ci=true) once they have been exited for KEEP, with their anonymous
// volumes. With KEEP = "0s" they go as soon as they exit (afterExit); otherwise a sweep every minute.
const KEEP = "10m";
export const schedule = "@every 1m";

function millis(d) {
  const m = /^(\d+)(ms|s|m|h)$/.exec(d);
  return Number(m[1]) * { ms: 1, s: 1000, m: 60000, h: 3600000 }[m[2]];
}

function isCi(labels) {
  return (labels ?? {}).ci === "true";
}

export function afterExit(ctr, exit) {
  if (isCi(ctr.Config?.Labels) && millis(KEEP) === 0) {
    gantry.log(`removing ${ctr.Name}: CI container exited with ${exit.exitCode}`);
    gantry.containers.remove(ctr.Id, { v: true });
  }
}

export function onSchedule() {
  const now = gantry.now();
  for (const c of gantry.containers.list({ all: true, filters: { label: ["ci=true"], status: ["exited"] } })) {
    const finished = Date.parse(gantry.containers.inspect(c.Id).State.FinishedAt);
    if (now - finished >= millis(KEEP)) {
      gantry.containers.remove(c.Id, { v: true });
    }
  }
}
