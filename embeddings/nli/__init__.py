"""The NLI cross-encoder: data, training, export, evaluation and inference.

``Precision`` and ``PRECISIONS`` live here, not in ``model``, so command lines can offer the choices without
importing torch.
"""

from typing import Literal, get_args

Precision = Literal["fp32", "bf16", "int8"]
PRECISIONS: tuple[str, ...] = ("auto", *get_args(Precision))
