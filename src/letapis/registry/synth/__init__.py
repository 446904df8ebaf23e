"""A synthetic registry for measuring Letapis at scale (``letapis dev synth``).

Everything it writes is invented and marked so: every person has the external id
``synthetic:<id>``, every document is a Source published by :data:`PUBLISHER`. It refuses to
run on a registry that holds any person unless forced (:func:`generate`).
"""

from letapis.registry.synth.generate import PUBLISHER, SCHEME, SynthError, SynthResult, generate, is_synthetic

__all__ = ["PUBLISHER", "SCHEME", "SynthError", "SynthResult", "generate", "is_synthetic"]
