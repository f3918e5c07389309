// Denies a container whose image's last scan found CRITICAL findings (vulnerabilities, secrets, config rules).
//
// The scan summary is read-only data the engine hands policy hooks with the resolved image: req.image.scan is
// the image's last scan ({Created, DatabaseVersion, Scanners, Summary: {CRITICAL, HIGH, MEDIUM, LOW, UNKNOWN}}),
// the same as GET /gantry/v1/images/{name}/scan without its packages and findings, or null when the image was
// never scanned. Scan images as they arrive with gantry.scan.on-pull / on-load / on-build = true, or by hand with
// `docker scan IMAGE`.
//
// Put this file in <data-root>/hooks/ (see docs/hooks.md). ScanIT runs it against a scanned image with a CRITICAL finding.

// a never-scanned image is let through; make it "deny" to require a scan first
const UNSCANNED = "allow";

export function beforeCreate(req) {
  const scan = req.image ? req.image.scan : null;
  if (!scan) {
    if (UNSCANNED === "deny") {
      return { deny: `image ${req.Image} was never scanned: run docker scan ${req.Image}` };
    }
    return;
  }
  const critical = scan.Summary.CRITICAL || 0;
  if (critical > 0) {
    return { deny: `image ${req.Image} has ${critical} critical finding${critical === 1 ? "" : "s"} (docker scan ${req.Image})` };
  }
}
