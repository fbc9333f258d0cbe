"""Command-line subcommands of ``python -m bot``; each module registers its own parser."""
