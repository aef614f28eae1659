"""The library tab: the case table with search and filters, the case read beside it, and the
workers every screen's reads and writes go through (``library_tasks``)."""
