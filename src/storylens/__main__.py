"""`python -m storylens` runs the command line."""

from .cli import main

main()
