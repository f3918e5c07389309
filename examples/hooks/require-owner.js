// Every container says who owns it: docker run --label owner=alice ...
export function beforeCreate(req) {
  const owner = req.Labels?.owner;
  if (!owner || owner.trim() === "") {
    return { deny: "containers need an owner label (--label owner=NAME)" };
  }
}
