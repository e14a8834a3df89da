"""Exceptions. The CLI catches :class:`DeclutterError` and nothing else."""

from __future__ import annotations


class DeclutterError(Exception):
    """Base class of every error declutter raises on purpose."""


class ConfigError(DeclutterError, ValueError):
    """A setting, filter name, pattern or vocabulary is not usable."""


class InputError(DeclutterError, ValueError):
    """The input cannot be read as the kind of document it was said to be."""
