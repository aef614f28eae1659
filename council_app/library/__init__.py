"""The case library: an SQLite file of cases, its search index, and the exchange format."""

from council_app.library.case_library import CaseLibrary
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
