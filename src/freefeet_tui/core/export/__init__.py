"""Exporters and the importer for the runner's log (pure core: no Textual, no audio).

Each format module turns records (or the plan) into the bytes of one file:
``csv_format``, ``json_format``, ``markdown``, ``html_report`` (with ``report_data`` and
``report_charts``, which needs matplotlib), ``icalendar_format`` and ``habitbull``;
``render`` picks the years to read and the format, for the CLI and the TUI alike.
``importer`` reads freefeet's own JSON and CSV exports back, ``merge`` adds them to the store
by record id, and ``files`` writes an export without replacing a file by accident.
docs/export-formats.md describes every format.
"""

from __future__ import annotations

FORMATS = ("csv", "json", "md", "html", "ics", "habitbull")

__all__ = ["FORMATS"]
