"""One presentation layer for the HTML report and the web app: escaping, display names,
citations, the outlet-by-fact grid, quote diffs, cue contexts, the story's comparison
arranged for a reader (disputes first), and one Jinja environment with shared macros."""

from __future__ import annotations

from .context import citation_context, cue_context, framing_context
from .env import make_environment
from .escape import safe_href, show, show_line, show_short
from .excerpt import as_excerpt
from .grid import FACT_ROWS_SHOWN, GridCell, fact_grid, outlet_columns
from .markup import cites, diff_pieces, diff_words, grid_cells, grid_row, quote_variants, row_links
from .names import Names, genre_suffix, is_key, outlet_label
from .quotes import diff_segments, quote_pieces, shared_quote_groups
from .updates import updated_articles, updated_when
from .view import KIND_LABELS, LinkedCitation, comparison_view, disputes, iter_citations, link_citations

__all__ = [
    "as_excerpt", "citation_context", "cue_context", "framing_context", "make_environment", "safe_href", "show", "show_line",
    "show_short", "FACT_ROWS_SHOWN", "GridCell", "fact_grid", "outlet_columns", "cites", "diff_pieces",
    "diff_words", "grid_cells", "grid_row", "quote_variants", "row_links", "Names", "genre_suffix", "is_key", "outlet_label",
    "diff_segments", "quote_pieces", "shared_quote_groups", "KIND_LABELS", "comparison_view", "disputes",
    "iter_citations", "link_citations", "LinkedCitation", "updated_articles", "updated_when",
]
