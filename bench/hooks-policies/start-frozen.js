// bench/hooks: a fifth policy file (beforeStart): containers labelled frozen=true may not start
export function beforeStart(ctr) {
  if (ctr.Config?.Labels?.frozen === "true") return { deny: "frozen" };
}
