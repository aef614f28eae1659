"""The Re-review tab: decisions due for review, the watch list, and recording a review."""
