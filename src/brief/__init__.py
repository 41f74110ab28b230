"""Brief: printable briefing packs from Chinese theory essays."""

__version__ = "0.1.0"
