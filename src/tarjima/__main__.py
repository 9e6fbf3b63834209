"""``python -m tarjima``."""

from tarjima.cli import main

main()
