"""Kept for code written before `components.html`, the one module for escaping and sinks."""

from __future__ import annotations

from components.html import escape_for_map, escape_for_plotly, escape_html

__all__ = ["escape_for_map", "escape_for_plotly", "escape_html"]
