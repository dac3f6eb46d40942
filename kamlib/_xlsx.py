"""Opening an .xlsx file someone gave us without trusting it.

An .xlsx file is a zip archive of XML parts. Before openpyxl parses anything,
:func:`open_workbook` checks that the file is a zip archive with a workbook inside and that
neither the file nor its unpacked parts are larger than the limits (a few kilobytes of zip
can unpack to gigabytes); it opens the workbook read-only, so sheets are streamed, and turns
every error of a damaged file into a :class:`~kamlib.validation.KamValueError`.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import Any

from kamlib.i18n import _
from kamlib.validation import KamValueError

#: The largest .xlsx file read (an account plan takes about 20 KB).
MAX_FILE_BYTES = 10 * 1024 * 1024
#: The largest total size of its unpacked parts.
MAX_UNPACKED_BYTES = 40 * 1024 * 1024
MAX_PARTS = 2_000


def open_workbook(path: Path, *, formulas: bool = True) -> Any:
    """Open ``path`` read-only with openpyxl once it passed the checks; close it after use.

    Parameters
    ----------
    path : pathlib.Path
        An existing file.
    formulas : bool
        True: formula cells read as their formula (``data_type == "f"``), so that a caller
        can report them; False: as the value Excel last computed.

    Returns
    -------
    openpyxl.workbook.Workbook
        A read-only workbook.

    Raises
    ------
    KamValueError
        If the file is not an .xlsx workbook, is damaged, or is larger than the limits.
    """
    def refuse(reason: str) -> KamValueError:
        return KamValueError(_("{file}: {reason}.").format(file=path.name, reason=reason))

    try:
        size = path.stat().st_size
        with open(path, "rb"):
            pass
    except OSError as error:
        raise refuse(_("the file cannot be opened ({error})").format(
            error=error.strerror or type(error).__name__)) from None
    if size > MAX_FILE_BYTES:
        raise refuse(_("the file has {size:,} bytes; at most {limit:,} are read").format(
            size=size, limit=MAX_FILE_BYTES))
    if not zipfile.is_zipfile(path):
        raise refuse(_("this is not an Excel workbook (.xlsx): open it in Excel or WPS and "
                       "save it as an Excel workbook"))
    try:
        with zipfile.ZipFile(path) as archive:
            parts = archive.infolist()
            names = {part.filename for part in parts}
    except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError) as error:
        raise refuse(_("the file is damaged ({error})").format(error=type(error).__name__)
                     ) from None
    unpacked = sum(part.file_size for part in parts)
    if len(parts) > MAX_PARTS or unpacked > MAX_UNPACKED_BYTES:
        raise refuse(_("the workbook unpacks to {size:,} bytes in {parts:,} parts; at most "
                       "{limit:,} bytes are read").format(size=unpacked, parts=len(parts),
                                                         limit=MAX_UNPACKED_BYTES))
    if "xl/workbook.xml" not in names:
        raise refuse(_("this zip file is not an Excel workbook (.xlsx)"))
    from openpyxl import load_workbook

    try:
        return load_workbook(path, read_only=True, data_only=not formulas)
    except Exception as error:  # openpyxl raises many kinds for a damaged workbook
        raise refuse(_("the workbook is damaged and cannot be read ({error})").format(
            error=type(error).__name__)) from None
