"""How the council works: sittings, attendance and quorum, votes and decisions, re-review."""
