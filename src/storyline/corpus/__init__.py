"""Cross-article stages: duplicates, stories, entities, quote and figure groups."""
