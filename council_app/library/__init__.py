"""The case library: an SQLite file of cases, its search index, and the exchange format.

The exchange format's names are imported on first use: it brings jsonschema, which opening the
app does not need (a quarter of a second at every start).
"""

from typing import TYPE_CHECKING, Any

from council_app.library.case_library import CaseLibrary

if TYPE_CHECKING:
    from council_app.library.exchange import (
        ExchangeDocument,
        ImportReport,
        export_document,
        import_document,
        import_file,
        parse_document,
        read_document,
        write_document,
    )

_FROM_EXCHANGE = frozenset(
    {
        "ExchangeDocument",
        "ImportReport",
        "export_document",
        "import_document",
        "import_file",
        "parse_document",
        "read_document",
        "write_document",
    }
)


def __getattr__(name: str) -> Any:
    if name in _FROM_EXCHANGE:
        from council_app.library import exchange

        return getattr(exchange, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


__all__ = [
    "CaseLibrary",
    "ExchangeDocument",
    "ImportReport",
    "export_document",
    "import_document",
    "import_file",
    "parse_document",
    "read_document",
    "write_document",
]
