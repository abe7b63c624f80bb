"""Report writers: JSON (machine-readable), HTML and Markdown (for people), terminal summary.

Every writer takes a :class:`Report`. The JSON layout is documented field by field in
``docs/json-schema.md``.
"""

from __future__ import annotations

from .html_report import render_html, write_html
from .json_report import Report, report_counts, report_to_dict, write_json
from .markdown_report import render_markdown, write_markdown
from .terminal import print_summary

__all__ = [
    "Report",
    "report_to_dict",
    "report_counts",
    "write_json",
    "write_html",
    "render_html",
    "write_markdown",
    "render_markdown",
    "print_summary",
]
