"""Evaluation scripts and benchmarks; results are committed beside them."""
