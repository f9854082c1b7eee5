"""The team lead's view: skills coverage, capacity and allocation figures, and waiting-list allocation."""
