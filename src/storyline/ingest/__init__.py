"""Readers: files, folders and URLs in, :class:`~storyline.model.RawDocument` out.

``read_inputs`` is the one entry point; each format has its own module
(``text``, ``html``, ``jsonl``, ``feeds``, ``urls``) usable on its own.
"""

from storyline.ingest.inputs import read_file, read_inputs

__all__ = ["read_file", "read_inputs"]
