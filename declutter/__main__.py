"""``python -m declutter`` runs the command-line filter."""

from declutter.cli import entry_point

entry_point()
