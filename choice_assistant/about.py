"""What this program is: its version (read by the packaging, the command and crash logs)."""

__version__ = "0.1.0"
