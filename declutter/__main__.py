"""``python -m declutter`` runs the command-line filter."""

from declutter._command import entry_point

entry_point()
