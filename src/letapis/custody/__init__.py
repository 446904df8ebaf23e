"""The chain of custody of every source, and the files derived from it.

A source's original file is evidence: it is stored untouched under its sha-256
(:mod:`letapis.registry.storage`). Everything made from it — the OCR text, normalised page
images, the words with their boxes, a copy stripped of its metadata — is a :class:`DerivedFile`
of its own, with its hash and what produced it. A :class:`CustodyEvent` records each hand and
each step: who brought the source in, when, how and from whom, each transformation, each
export or publication. Derived files and custody events are seen by exactly those who may see
their source.
"""
