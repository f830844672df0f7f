"""``python -m partnership_metrics`` runs the command line."""

from .cli import run

run()
