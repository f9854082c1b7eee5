"""Lets `python -m choice_assistant` behave like the `choice-assistant` command."""

from choice_assistant.cli import main

raise SystemExit(main())
