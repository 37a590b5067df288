"""``python -m tocsin``."""

from .cli import main

main()
