"""`python -m cli ...` runs the `archive` command (the tests and bench/faults.py start builds so)."""

from cli.main import main

main()
