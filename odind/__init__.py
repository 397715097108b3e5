"""odind: the daemon behind a print-farm controller."""
