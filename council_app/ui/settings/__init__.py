"""The library's settings dialog, and the pairwise (AHP) dialog that derives weights."""
