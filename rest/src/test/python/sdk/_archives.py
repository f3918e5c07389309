"""Tar archives made in memory, for the scenarios that copy, load and import them."""
import io
import tarfile


def tar_of(files):
    """A tar of regular files: {name: bytes}."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w") as t:
        for name, data in files.items():
            info = tarfile.TarInfo(name)
            info.size = len(data)
            info.mode = 0o644
            t.addfile(info, io.BytesIO(data))
    return buf.getvalue()
