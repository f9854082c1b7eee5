"""Sub-commands of the choice-assistant command line, one module each."""
