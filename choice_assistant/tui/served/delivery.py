"""Files the assistant writes (letters, session exports) also downloaded by the browser when it is served."""

from __future__ import annotations

import io
import os
import re
import zipfile
from pathlib import Path


def deliver_files(app, paths: list[Path], what: str) -> None:
    """When the app runs in a browser, hand it `paths` as one download: the file itself, or a zip of several.

    One download per action: a browser lets a page start one download for each key press; a second one
    straight after would be stopped as a pop-up. Outside a browser this does nothing (the files are on disk).
    `what` names the zip ("letters"); file names are kept to plain letters, digits and dashes.
    """
    if not paths or not app.is_web:
        return
    if len(paths) == 1:
        name = download_name(paths[0].name)
        app.deliver_binary(paths[0], save_filename=name)
    else:
        name = download_name(bundle_name(paths, what))
        app.deliver_binary(zipped(paths), save_filename=name, mime_type="application/zip")
    app.notify(f"Sent to this browser as {name}: look in its downloads.", timeout=8, markup=False)


def zipped(paths: list[Path]) -> io.BytesIO:
    """The files in one zip, each under its own name."""
    data = io.BytesIO()
    with zipfile.ZipFile(data, "w", zipfile.ZIP_DEFLATED) as z:
        for path in paths:
            z.write(path, arcname=path.name)
    data.seek(0)
    return data


def bundle_name(paths: list[Path], what: str) -> str:
    """'sam-rivers-2026-11-23-letters.zip': what the files' names share, then what they are."""
    shared = os.path.commonprefix([p.stem for p in paths]).strip("-_. ")
    return f"{shared}-{what}.zip" if shared else f"{what}.zip"


def download_name(name: str) -> str:
    """A file name any browser and HTTP header takes as it is: ASCII letters, digits, dots and dashes."""
    stem, dot, ext = name.rpartition(".")
    clean = re.sub(r"[^A-Za-z0-9.]+", "-", stem if dot else name).strip("-.") or "file"
    return f"{clean}.{re.sub(r'[^A-Za-z0-9]+', '', ext)}" if dot else clean
