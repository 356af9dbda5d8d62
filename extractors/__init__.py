"""vnextract's extraction library: Vietnamese news text in, typed mentions out.

This package never imports ``cli``; use it directly as::

    from extractors import Pipeline
    record = Pipeline().process(text)
"""

from .base import Doc, Extractor, Mention
from .pipeline import Pipeline

__all__ = ["Doc", "Extractor", "Mention", "Pipeline"]
__version__ = "0.1.0"
