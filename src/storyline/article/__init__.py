"""Per-article stages: clean, annotate, extract."""
