"""``make bench`` (``python -m bench``): throughput, memory and cold start of vnextract.

``corpus.py`` builds the deterministic synthetic archive; ``__main__.py`` runs and prints
the table.  Outputs go to ``bench/out/`` (git-ignored).
"""
