"""``python -m partnership_metrics`` runs the command line."""

from .cli import main

main()
