"""Every use of a private Whoosh internal, in one place.

The engine reads postings a block at a time, field lengths a column at a time and the latest
index generation without opening the index. Whoosh offers no public API for these, so they rely on
names that Whoosh may change in any release. This module was written against one version of
Whoosh-Reloaded and refuses to load with any other: upgrading Whoosh means reading each function
below against the new source, then changing ``WRITTEN_FOR``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from typing import Any

import numpy as np
import numpy.typing as npt
import whoosh
from whoosh.codec import whoosh3
from whoosh.filedb.filestore import Storage
from whoosh.index import TOC

# The Whoosh-Reloaded version (as ``whoosh.versionstring()``) these functions were checked against.
WRITTEN_FOR = "2.7.5"


class UnsupportedWhooshVersion(ImportError):
    """The installed Whoosh is not the version the engine's use of its internals was checked
    against."""


def check_version(found: str) -> None:
    """Raise :class:`UnsupportedWhooshVersion` unless ``found`` is the version this module was
    written for."""
    if found != WRITTEN_FOR:
        raise UnsupportedWhooshVersion(
            f"cop_site.search.engine relies on private internals of Whoosh-Reloaded {WRITTEN_FOR},"
            f" but Whoosh {found} is installed. Install Whoosh-Reloaded=={WRITTEN_FOR}, or check"
            f" each function of cop_site/search/engine/whoosh_private.py against Whoosh {found}"
            " and update WRITTEN_FOR."
        )


check_version(whoosh.versionstring())


def latest_generation(storage: Storage, indexname: str) -> int:
    """The number of the newest committed generation of the index, or -1 if there is none.

    Reads the file names only; opening the index would read and unpickle its table of contents.
    """
    generation: int = TOC._latest_generation(storage, indexname)
    return generation


def length_codes(reader: Any, fieldname: str) -> Iterable[int] | None:
    """The one-byte length codes of a field in each document of a segment reader, read as one
    column, or None if the reader's codec does not keep them that way."""
    perdoc = getattr(reader, "_perdoc", None)
    cached_reader = getattr(perdoc, "_cached_reader", None)
    if cached_reader is None:
        return None
    column: Iterable[int] | None = cached_reader(
        whoosh3._lenfield(fieldname), whoosh3.LENGTHS_COLUMN
    )
    return column


def reads_blocks(matcher: Any) -> bool:
    """Whether a leaf postings matcher can be read a block at a time by :func:`posting_blocks`."""
    return hasattr(matcher, "_read_data") and hasattr(matcher, "_next_block")


def posting_blocks(matcher: Any) -> Iterator[tuple[npt.NDArray[np.intp], Any]]:
    """(document numbers, weights) of each remaining block of a leaf postings matcher.

    The weights are as the codec stores them: None (every weight is 1), one float for the whole
    block, or a sequence of floats.
    """
    while matcher.is_active():
        if matcher._data is None:
            matcher._read_data()
        data = matcher._data
        if matcher._byteids:
            ids = np.asarray(data[0], dtype=np.intp)
        else:
            # Document numbers are stored as gaps from the previous one, within each block.
            ids = np.cumsum(np.asarray(data[0], dtype=np.intp))
        yield ids, data[1]
        matcher._next_block()
