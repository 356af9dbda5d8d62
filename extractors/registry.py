"""Every extractor vnextract knows, in the order the pipeline runs them.

Entries are import paths, not classes, so that listing or choosing extractors does not
import (and load the word lists of) the ones a run leaves out.  Adding an extractor is
writing its module and adding one line here.
"""

from __future__ import annotations

import inspect
from importlib import import_module

from .base import Extractor

# name -> "module:Class", in pipeline order within each stage.
REGISTRY: dict[str, str] = {
    "layout": "extractors.layout:LayoutExtractor",
    "dates": "extractors.dates:DateExtractor",
    "docrefs": "extractors.docrefs:DocrefExtractor",
    "numbers": "extractors.numbers:NumberExtractor",
    "contacts": "extractors.contacts:ContactExtractor",
    "percent": "extractors.numbers:PercentExtractor",
    "gazetteer": "extractors.gazetteer:GazetteerExtractor",
    "ner": "extractors.ner:NerExtractor",
    "crf": "extractors.crf:CrfExtractor",
    # relations: the person linker first, roles before quotes (quotes read the roles)
    "persons": "extractors.coref:PersonLinker",
    "roles": "extractors.roles:RoleExtractor",
    "quotes": "extractors.quotes:QuoteExtractor",
}

# Extractors a run leaves out unless asked for by name (slow or experimental ones).
OPTIONAL: frozenset[str] = frozenset({"percent", "crf"})  # percent: PERCENT-only alias of numbers


class UnknownExtractor(ValueError):
    """A name given to --extractors/--skip that the registry does not have."""


def names() -> list[str]:
    return list(REGISTRY)


def default_names() -> list[str]:
    return [n for n in REGISTRY if n not in OPTIONAL]


def load(name: str, **options: object) -> Extractor:
    try:
        target = REGISTRY[name]
    except KeyError:
        known = ", ".join(REGISTRY)
        raise UnknownExtractor(f"unknown extractor {name!r} (known: {known})") from None
    module_name, _, class_name = target.partition(":")
    cls = getattr(import_module(module_name), class_name)
    if options:  # pass each extractor only the options its constructor names
        accepted = inspect.signature(cls).parameters
        options = {k: v for k, v in options.items() if k in accepted}
    return cls(**options) if options else cls()
