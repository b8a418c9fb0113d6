"""The exception tree. Every error carries the context needed to act on it.

::

    StorylineError
     +-- SettingsError          a setting's name or value is wrong (file or flag)
     +-- ModelNotFoundError     no spaCy English pipeline is installed
     +-- InputError             one input cannot be read (carries ``source``)
     |    +-- InputNotFoundError    the path does not exist
     |    +-- InputUnreadableError  permissions, or a directory where a file was expected
     |    +-- InputTooLargeError    over the ``max_input_bytes`` setting; never read
     |    +-- InputFormatError      binary, malformed JSON/XML, no article text, bad encoding
     |    +-- FetchError            a URL answered with an error status or timed out
     +-- AnalysisError          a stage failed on one article (carries ``source``, ``stage``)
     +-- StoreError             the store cannot be opened, migrated or written

The library raises these and never prints or exits; the CLI turns them into
one-line messages and exit codes.
"""

from __future__ import annotations


class StorylineError(Exception):
    """Base class of every error storyline raises on purpose."""


class SettingsError(StorylineError):
    """A setting has an unknown name or a value of the wrong kind."""


class ModelNotFoundError(StorylineError):
    """No English spaCy pipeline could be loaded."""


class InputError(StorylineError):
    """An input could not be read. ``source`` names it, ``reason`` says why."""

    def __init__(self, source: str, reason: str) -> None:
        super().__init__(f"{source}: {reason}")
        self.source = source
        self.reason = reason


class InputNotFoundError(InputError):
    pass


class InputUnreadableError(InputError):
    pass


class InputTooLargeError(InputError):
    pass


class InputFormatError(InputError):
    pass


class FetchError(InputError):
    pass


class AnalysisError(StorylineError):
    """A stage failed on one article."""

    def __init__(self, source: str, stage: str, reason: str) -> None:
        super().__init__(f"{source}: {stage} failed: {reason}")
        self.source = source
        self.stage = stage
        self.reason = reason


class StoreError(StorylineError):
    """The store could not be opened, migrated or written."""
