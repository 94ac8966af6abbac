"""Errors a user can act on; the CLI prints them as one Russian line and exits with code 2."""

from __future__ import annotations


class SferumError(Exception):
    """Base of all user-facing errors; the message is Russian and names the file."""

    exit_code = 2


class InputError(SferumError):
    """An input document or argument cannot be used."""


class DataError(SferumError):
    """A clause library, registry or profile file is malformed or fails validation."""
