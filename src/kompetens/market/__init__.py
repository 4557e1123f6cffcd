"""Market measurement over job-ad corpora: how many ads need social-media competence, per year and area.

``measure(engine, paths)`` gives a ``MarketReport`` (``to_dict()`` is the ``kompetens market --json``
object, ``render_html()`` a self-contained page). Corpora are JSON lines, CSV (``CsvFormat`` names its
columns) or any ad file ``Engine.read`` reads; JSON lines and CSV are streamed. Facts are counted by a
``Backend``: ``DuckDBBackend`` on one machine (the default), ``SparkBackend`` (``kompetens.market.spark``,
the ``kompetens[spark]`` extra) past one machine.
"""

from __future__ import annotations

from .analyse import ASKED_MIN, FACT_COLUMNS, AdFacts, ad_facts, ad_key, document_from_line, year_month
from .backend import MARKET_FILE, Backend, DuckDBBackend
from .corpus import Corpus, IngestStats, Progress, count_inputs
from .csvads import CsvFormat, csv_documents
from .report import Counts, MarketReport, RunInfo, report_from_sql
from .run import make_backend, measure

__all__ = [
    "ASKED_MIN",
    "FACT_COLUMNS",
    "MARKET_FILE",
    "AdFacts",
    "Backend",
    "Corpus",
    "Counts",
    "CsvFormat",
    "DuckDBBackend",
    "IngestStats",
    "MarketReport",
    "Progress",
    "RunInfo",
    "ad_facts",
    "ad_key",
    "count_inputs",
    "csv_documents",
    "document_from_line",
    "make_backend",
    "measure",
    "report_from_sql",
    "year_month",
]
