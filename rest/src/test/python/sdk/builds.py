"""Builds, loads and imports over the API, as an SDK user does them."""
import io
import json

import docker
from _archives import tar_of
from _scenario import main


def dockerfile(text):
    return io.BytesIO(text.encode())


def built(s, text, **kwargs):
    """Builds, tracks the image, and returns (image, the stream's text)."""
    image, log = s.client.images.build(fileobj=dockerfile(text), rm=True, **kwargs)
    s.track(image)
    return image, "".join(line.get("stream", "") for line in log)


def failing_run(s):
    text = "FROM busybox\nRUN echo to-stdout; echo to-stderr >&2; exit 3\n"
    e = s.raises("a failing RUN raises BuildError", docker.errors.BuildError,
                 s.client.images.build, fileobj=dockerfile(text), rm=True)
    if e is not None:
        streamed = "".join(line.get("stream", "") for line in e.build_log)
        s.check("the command's stdout is in the build log", "to-stdout" in streamed, streamed)
        s.check("the command's stderr is in the build log", "to-stderr" in streamed, streamed)
        s.check("BuildError names the exit code", "3" in str(e), str(e))
    lines = list(s.api.build(fileobj=dockerfile(text), rm=True, decode=True))
    errors = [i for i, line in enumerate(lines) if "errorDetail" in line]
    stderr = [i for i, line in enumerate(lines) if "to-stderr" in line.get("stream", "")]
    s.check("api.build: stderr comes as a stream line before the errorDetail",
            errors and stderr and stderr[0] < errors[0], lines)
    s.check("api.build: the error line has error and errorDetail.message",
            errors and lines[errors[0]].get("error") and lines[errors[0]]["errorDetail"].get("message"), lines)


def extra_hosts(s):
    _, log = built(s, "FROM busybox\nRUN grep -E '10.1.2.3[[:space:]]+gantry-extra' /etc/hosts\n",
                   extra_hosts={"gantry-extra": "10.1.2.3"}, nocache=True)
    s.check("extrahosts reach RUN's /etc/hosts", "gantry-extra" in log, log)


def cache_from(s):
    text = f"FROM busybox\nRUN echo {s.prefix} > /cached\n"
    first, _ = built(s, text, tag=s.name("cachesrc"))
    s.api.prune_builds()
    again, log = built(s, text, cache_from=[s.name("cachesrc")])
    s.check("cache_from as a JSON list answers the RUN step", "Using cache" in log, log)
    s.check("cache_from: the build ends at the source image", again.id == first.id, (again.id, first.id))
    # the parameter as one plain name, not a JSON list, as some clients send it
    context = tar_of({"Dockerfile": text.encode()})
    res = s.api._post(s.api._url("/build"), params={"cachefrom": s.name("cachesrc"), "rm": "1"}, data=context,
                      headers={"Content-Type": "application/x-tar"})
    body = res.text
    s.check("cachefrom as a plain name is accepted", res.status_code == 200 and "Using cache" in body, body)


def entrypoint_resets_cmd(s):
    image, _ = built(s, 'FROM busybox\nENTRYPOINT ["echo","Hello"]\n')
    s.check("ENTRYPOINT resets the base image's CMD", image.attrs["Config"]["Cmd"] in (None, []), image.attrs["Config"])
    out = s.client.containers.run(image.id, remove=True)
    s.check("the container runs echo Hello, not echo Hello sh", out == b"Hello\n", out)
    for order in ('CMD ["world"]\nENTRYPOINT ["echo","Hello"]\n', 'ENTRYPOINT ["echo","Hello"]\nCMD ["world"]\n'):
        image, _ = built(s, "FROM busybox\n" + order)
        out = s.client.containers.run(image.id, remove=True)
        s.check(f"a CMD of the same stage is kept ({order.splitlines()[0]} first)", out == b"Hello world\n", out)


def bad_loads(s):
    before = sorted(i.id for i in s.client.images.list(all=True))
    s.raises("load of a file that is no image archive raises ImageLoadError", docker.errors.ImageLoadError,
             s.client.images.load, b"this is not a tar archive" * 100)
    manifest = json.dumps([{"Config": "missing.json", "RepoTags": [s.name("half") + ":latest"],
                            "Layers": ["layer/layer.tar"]}]).encode()
    layer = tar_of({"file": b"content"})
    s.raises("load of an archive missing its config raises ImageLoadError", docker.errors.ImageLoadError,
             s.client.images.load, tar_of({"manifest.json": manifest, "layer/layer.tar": layer}))
    after = sorted(i.id for i in s.client.images.list(all=True))
    s.check("nothing half-loaded remains", before == after, (before, after))
    lines = list(s.api.load_image(b"garbage" * 10))
    s.check("the load answers with an error line in its JSON stream",
            any("error" in line and "errorDetail" in line for line in lines), lines)


def imports_within_a_second(s):
    rootfs = tar_of({"hello": b"world"})
    ids = []
    for _ in range(2):
        res = s.api.import_image_from_data(rootfs)
        image_id = json.loads(res.strip().splitlines()[-1])["status"]
        s.track(s.client.images.get(image_id))
        ids.append(image_id)
    s.check("two imports of one tar within a second are two images", ids[0] != ids[1], ids)
    created = s.client.images.get(ids[0]).attrs["Created"]
    s.check("Created has sub-second digits", "." in created, created)


def scenario(s):
    for part in (failing_run, extra_hosts, cache_from, entrypoint_resets_cmd, bad_loads, imports_within_a_second):
        try:
            part(s)
        except Exception as e:  # noqa: BLE001 - one part's failure should not hide the others'
            s.check(part.__name__, False, f"{type(e).__name__}: {e}")


main(scenario)
