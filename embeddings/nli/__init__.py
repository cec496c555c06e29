"""The NLI cross-encoder: data, training, export, evaluation and inference.

``PRECISIONS`` lives here, not in ``model``, so that command lines can offer the choices without importing torch.
"""

PRECISIONS: tuple[str, ...] = ("auto", "fp32", "bf16", "int8")
