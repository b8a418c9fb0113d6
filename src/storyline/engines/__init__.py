"""Engines run the per-article stage: a local process pool (default) or Dask."""
