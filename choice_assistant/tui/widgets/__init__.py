"""Widgets shared by every stage: fields, progress list, side pane, transcript, tone hint."""
